"""Languages: chart chrome from gettext catalogs, data labels from data/, CLDR formats via Babel.

A figure builder takes a `Translator` the way it takes a `Layout`:

    from helpers.i18n import translator
    t = translator("be")                      # once per notebook run (the `language` parameter)
    t._("Date")                               # chrome, from locale/be/LC_MESSAGES/desk.po
    t.nphrase("Belarus: {n} person freed", "Belarus: {n} people freed", 865)   # CLDR plural, "865" localized
    t.phrase("since {month}", month=t.date_value(start, "month"))  # the translation declines the month
    t.label("milestone", "M037", "Coale visit; 250 freed")   # data labels, data/label_translations.csv
    t.people("Ales Bialiatski; Maria Kalesnikava", ", ")    # a notable_people cell
    t.number(1234), t.day("2026-03-19"), t.month_year("2026-03-01")   # CLDR numbers and dates
    vl_convert.vegalite_to_svg(spec, format_locale=t.format_locale, time_format_locale=t.time_format_locale)

Any missing translation raises a DeskError subclass (exit 2 in a render) naming the string,
the language and the file to edit; nothing falls back to English.
"""

from helpers.i18n.catalogs import MissingTranslation
from helpers.i18n.labels import MissingLabel
from helpers.i18n.languages import (DRAFT, LANGUAGES, REVIEWED, SOURCE_LANGUAGE, TRANSLATED, Language, draft_warning,
                                     language, status_lines)
from helpers.i18n.translator import Translator, translator

__all__ = ["DRAFT", "LANGUAGES", "REVIEWED", "SOURCE_LANGUAGE", "TRANSLATED", "Language", "MissingLabel",
           "MissingTranslation", "Translator", "draft_warning", "language", "status_lines", "translator"]
