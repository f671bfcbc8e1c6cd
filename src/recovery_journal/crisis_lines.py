"""Crisis lines by country, and which country's line the safety message names.

One entry per country (ISO 3166-1 alpha-2): the service, its number(s), whether it takes
text messages, the local emergency number, the public page each was checked against and the
date it was checked. `resolve` picks the country: `settings set country CC` (the settings
file beside the journal), else `RECOVERY_JOURNAL_COUNTRY`, else the locale (`LC_ALL`,
`LC_MESSAGES`, `LANG`: `en_GB.UTF-8` → GB), else none — and then the message names the US
line and says that elsewhere the local emergency number applies.

Standard library only; no terminal code, no network code (the table is checked by hand).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

COUNTRY_ENV = "RECOVERY_JOURNAL_COUNTRY"
SETTING = "country"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
CHECKED = "2026-12-01"


@dataclass(frozen=True)
class CrisisLine:
    """One country's crisis line."""

    country: str  # ISO 3166-1 alpha-2, e.g. "GB"
    name: str  # the country, as the message says it ("the United Kingdom")
    service: str
    numbers: tuple[str, ...]
    texts: bool  # whether it takes text messages (SMS or a messaging number)
    text_number: str | None
    emergency: str  # the local emergency number(s)
    source: str  # the public page the numbers were checked against
    checked: str  # ISO date the numbers were checked
    all_hours: bool = False  # open day and night, every day (said only when checked)
    note: str = ""  # another number or a limit worth knowing

    def how_to_reach(self) -> str:
        """`call or text 988`, `call 116 123`, `call 13 11 14 or text 0477 13 11 14`."""
        numbers = " or ".join(self.numbers)
        if self.texts and self.text_number == self.numbers[0] and len(self.numbers) == 1:
            return f"call or text {numbers}"
        if self.texts and self.text_number:
            return f"call {numbers} or text {self.text_number}"
        return f"call {numbers}"


def _line(**fields: object) -> CrisisLine:
    return CrisisLine(checked=CHECKED, **fields)  # type: ignore[arg-type]


LINES: dict[str, CrisisLine] = {
    line.country: line
    for line in (
        _line(
            country="US",
            name="the US",
            service="988 Suicide & Crisis Lifeline",
            numbers=("988",),
            texts=True,
            text_number="988",
            emergency="911",
            source="https://health.wyo.gov/publichealth/prevention/wivpp/suicide-prevention/988-suicide-crisis-lifeline",
            all_hours=True,
        ),
        _line(
            country="CA",
            name="Canada",
            service="9-8-8 Suicide Crisis Helpline",
            numbers=("988",),
            texts=True,
            text_number="988",
            emergency="911",
            source="https://mentalhealthcommission.ca/catalyst/988-launches-in-canada/",
            all_hours=True,
        ),
        _line(
            country="GB",
            name="the UK",
            service="Samaritans",
            numbers=("116 123",),
            texts=False,
            text_number=None,
            emergency="999 or 112",
            source="https://www.samaritans.org/how-we-can-help/contact-samaritan/",
            all_hours=True,
        ),
        _line(
            country="IE",
            name="Ireland",
            service="Samaritans",
            numbers=("116 123",),
            texts=False,
            text_number=None,
            emergency="112 or 999",
            source="https://www.irishexaminer.com/breakingnews/ireland/samaritans-answer-29m-calls-since-2014-charity-to-play-crucial-role-in-new-mental-help-phone-service-914684.html",
            all_hours=True,
        ),
        _line(
            country="AU",
            name="Australia",
            service="Lifeline",
            numbers=("13 11 14",),
            texts=True,
            text_number="0477 13 11 14",
            emergency="000",
            source="https://lifeinmind.org.au/news/lifelines-crisis-text-service-now-available-24-7",
            all_hours=True,
        ),
        _line(
            country="NZ",
            name="New Zealand",
            service="1737, Need to talk?",
            numbers=("1737",),
            texts=True,
            text_number="1737",
            emergency="111",
            source="https://www.pegasus.health.nz/?p=6300",
            all_hours=True,
        ),
        _line(
            country="DE",
            name="Germany",
            service="TelefonSeelsorge",
            numbers=("0800 111 0 111", "0800 111 0 222"),
            texts=False,
            text_number=None,
            emergency="112",
            source="https://www.domradio.de/artikel/telefonseelsorge-jetzt-unter-oekumenischem-dachverband",
            all_hours=True,
        ),
        _line(
            country="AT",
            name="Austria",
            service="TelefonSeelsorge",
            numbers=("142",),
            texts=False,
            text_number=None,
            emergency="112 (ambulance 144)",
            source="https://www.ots.at/presseaussendung/OTM_20230425_OTM0006/telefonseelsorge-seit-25-jahren-amtlicher-notruf-fuer-die-seele",
            all_hours=True,
        ),
        _line(
            country="CH",
            name="Switzerland",
            service="Die Dargebotene Hand",
            numbers=("143",),
            texts=False,
            text_number=None,
            emergency="144 (ambulance) or 112",
            source="https://www.srf.ch/sendungen/tageschronik/heute-vor-61-jahren-telefon-seelsorge-143-gegruendet",
            all_hours=True,
        ),
        _line(
            country="FR",
            name="France",
            service="3114, numéro national de prévention du suicide",
            numbers=("3114",),
            texts=False,
            text_number=None,
            emergency="112 (or 15)",
            source="https://3114.fr/que-se-passe-t-il-quand-je-contacte-le-3114/",
            all_hours=True,
        ),
        _line(
            country="BE",
            name="Belgium",
            service="Zelfmoordlijn 1813",
            numbers=("1813",),
            texts=False,
            text_number=None,
            emergency="112",
            source="https://www.nieuwsblad.be/cnt/dmf20190909_04598208",
            note="in Dutch; the Flemish line",
        ),
        _line(
            country="NL",
            name="the Netherlands",
            service="113 Zelfmoordpreventie",
            numbers=("113", "0800 0113"),
            texts=False,
            text_number=None,
            emergency="112",
            source="https://www.nu.nl/binnenland/6062813/hulplijn-113-nu-ook-rechtstreeks-bereikbaar-voor-zelfmoordpreventie.html",
            all_hours=True,
        ),
        _line(
            country="ES",
            name="Spain",
            service="024, Línea de atención a la conducta suicida",
            numbers=("024",),
            texts=False,
            text_number=None,
            emergency="112",
            source="https://www.rtve.es/noticias/20220509/sanidad-presenta-telefono-prevencion-suicidio/2347183.shtml",
            all_hours=True,
        ),
        _line(
            country="IT",
            name="Italy",
            service="Telefono Amico Italia",
            numbers=("02 2327 2327",),
            texts=True,
            text_number="345 036 1628 (WhatsApp)",
            emergency="112",
            source="https://www.agensir.it/quotidiano/2020/12/12/natale-2020-telefono-amico-italia-dalle-10-del-24-alla-mezzanotte-del-26-dicembre-i-volontari-risponderanno-h24-a-chi-si-sente-solo/",
            note="usually 10:00 to midnight",
        ),
        _line(
            country="PT",
            name="Portugal",
            service="Linha de Prevenção do Suicídio",
            numbers=("1411",),
            texts=False,
            text_number=None,
            emergency="112",
            source="https://www.dn.pt/sociedade/linha-de-apoio-%C3%A0-preven%C3%A7%C3%A3o-do-suic%C3%ADdio-entrou-em-funcionamento-e-tem-o-n%C3%BAmero-1411",
            all_hours=True,
            note="also SOS Voz Amiga, 213 544 545, afternoons and evenings",
        ),
        _line(
            country="SE",
            name="Sweden",
            service="Mind Självmordslinjen",
            numbers=("90101",),
            texts=False,
            text_number=None,
            emergency="112",
            source="http://www.kronprinsessparetsstiftelse.se/projekt/sjalvmordsupplysningen.html",
            all_hours=True,
        ),
        _line(
            country="NO",
            name="Norway",
            service="Mental Helse Hjelpetelefonen",
            numbers=("116 123",),
            texts=False,
            text_number=None,
            emergency="113 (medical) or 112",
            source="https://www.nrk.no/osloogviken/over-100-barn-under-ni-ar-har-tatt-kontakt-_-hjelpetelefoner-slar-alarm-1.15736352",
            all_hours=True,
        ),
        _line(
            country="DK",
            name="Denmark",
            service="Livslinien",
            numbers=("70 201 201",),
            texts=False,
            text_number=None,
            emergency="112",
            source="https://cphpost.dk/2015-10-26/news/suicide-prevention-lifeline-gets-funding-to-stay-open-at-night/",
            note="not open around the clock",
        ),
        _line(
            country="FI",
            name="Finland",
            service="MIELI Kriisipuhelin",
            numbers=("09 2525 0111",),
            texts=False,
            text_number=None,
            emergency="112",
            source="https://mentalhealth.fi/where-to-go-in-an-emergency",
            all_hours=True,
            note="in English at set times: 09 2525 0113",
        ),
        _line(
            country="IN",
            name="India",
            service="Tele MANAS",
            numbers=("14416", "1-800-891-4416"),
            texts=False,
            text_number=None,
            emergency="112",
            source="https://www.livemint.com/news/india/govts-mental-health-helpline-tele-manas-receives-over-2-lakh-calls-since-launch-11690014660473.html",
            all_hours=True,
        ),
        _line(
            country="ZA",
            name="South Africa",
            service="SADAG Suicide Crisis Helpline",
            numbers=("0800 567 567",),
            texts=True,
            text_number="31393 (a counsellor calls back)",
            emergency="10111 (police), 10177 (ambulance) or 112",
            source="https://www.sabcnews.com/sabcnews/sadag-encourages-the-mentally-fatigued-to-reach-out-amid-world-suicide-prevention-day/",
            note="also the 24-hour mental health line 0800 456 789",
        ),
        _line(
            country="BR",
            name="Brazil",
            service="CVV, Centro de Valorização da Vida",
            numbers=("188",),
            texts=False,
            text_number=None,
            emergency="192 (SAMU)",
            source="http://www.jd1noticias.com/geral/ligacao-para-centro-de-valorizacao-da-vida-passa-a-ser-gratuita/53507/",
            all_hours=True,
        ),
        _line(
            country="MX",
            name="Mexico",
            service="Línea de la Vida",
            numbers=("800 911 2000",),
            texts=False,
            text_number=None,
            emergency="911",
            source="https://www.eluniversal.com.mx/nacion/promueven-la-linea-de-la-vida-tras-presentar-encuesta-sobre-consumo-de-drogas-asi-puedes-pedir-ayuda/",
            all_hours=True,
        ),
        _line(
            country="JP",
            name="Japan",
            service="Yorisoi Hotline, よりそいホットライン",
            numbers=("0120-279-338",),
            texts=False,
            text_number=None,
            emergency="119 (ambulance) or 110 (police)",
            source="https://kotobank.jp/word/%E3%82%88%E3%82%8A%E3%81%9D%E3%81%84%E3%81%BB%E3%81%A4%E3%81%A8%E3%82%89%E3%81%84%E3%82%93-3193813",
            all_hours=True,
            note="from Iwate, Miyagi and Fukushima: 0120-279-226",
        ),
    )
}

DEFAULT = "US"  # named when the country is not known, with "elsewhere…"


def normalise(code: str) -> str:
    """`gb`, ` GB ` → `GB`; `UK` is read as GB (the code people often type)."""
    text = code.strip().upper()
    return "GB" if text == "UK" else text


def known(code: str | None) -> str | None:
    """The code when the table has it, else None."""
    if not code:
        return None
    text = normalise(code)
    return text if text in LINES else None


def from_locale(environ: Mapping[str, str]) -> str | None:
    """The territory of the first locale variable set: `en_GB.UTF-8` → GB; `C` → None."""
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if not value:
            continue
        base = value.split(".", 1)[0].split("@", 1)[0]
        if "_" not in base:
            return None
        return known(base.split("_", 1)[1])
    return None


def resolve_with_source(
    settings_file: Path | None, environ: Mapping[str, str] | None = None
) -> tuple[str | None, str]:
    """(country code or None, where it came from: setting, environment, locale or none)."""
    from recovery_journal.settings import read_settings

    env = os.environ if environ is None else environ
    # A country given on purpose that the table does not hold is not replaced by a guess
    # from the locale: the message then names the US line and the local emergency number.
    stored = read_settings(settings_file).get(SETTING)
    if isinstance(stored, str) and stored.strip():
        return known(stored), "setting"
    given = env.get(COUNTRY_ENV, "").strip()
    if given:
        return known(given), "environment"
    found = from_locale(env)
    if found:
        return found, "locale"
    return None, "none"


def resolve(settings_file: Path | None, environ: Mapping[str, str] | None = None) -> str | None:
    """The patient's country for the crisis line, or None when it is not known."""
    return resolve_with_source(settings_file, environ)[0]


def line_for(country: str | None) -> CrisisLine | None:
    """The country's line, or None for a country the table does not hold."""
    code = known(country)
    return LINES[code] if code else None


def for_journal(journal: Path | str | None, environ: Mapping[str, str] | None = None) -> str | None:
    """`resolve` with the settings file beside this journal (None or `:memory:`: none)."""
    from recovery_journal.settings import settings_path

    if journal is None or str(journal) == ":memory:":
        return resolve(None, environ)
    return resolve(settings_path(Path(journal)), environ)
