"""The app's own widgets: the key line, tables and text fields that show words as
written, and the yes / no / not-logged toggle."""
