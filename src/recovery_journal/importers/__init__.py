"""Bringing data into a journal: the JSON export file and the other apps' files (Daylio,
Loop, Bearable, Pixels, iMoodJournal, jrnl), all listed in `registry.IMPORTERS`.

Every importer parses and validates its file, then hands plain model objects to
`merge.merge_into`, which writes them in one transaction (all or nothing).
"""
