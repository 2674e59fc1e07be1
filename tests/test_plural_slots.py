"""Every plural message in every language, rendered with 1, 2, 5, 21 and 22 (issue 19, item 2):
the words that agree with the number, written out. CLDR puts 1 and 21 in "one" for be, ru,
uk and lt but not pl ("21 osób"); 2 and 22 in "few"; 5 in "many" (lt: "few"). A message whose
plural follows the wrong number, or a form a translator left with the wrong ending, fails here.

Each row is (msgctxt, English msgid) -> per language, the words around the number for
1, 2, 5, 21, 22 (values other than the number are placeholders: P a period, D days, T a date…)."""

from __future__ import annotations

import string

import pytest
from babel.messages.pofile import read_po

from conftest import ROOT
from helpers.i18n import TRANSLATED, translator

NUMBERS = (1, 2, 5, 21, 22)
DUMMIES = {"period": "P", "list": "L", "kinds": "K", "names": "N", "days": "D", "date": "T", "first_date": "T1",
           "last_date": "T2", "start": "S", "end": "E"}

EXPECTED = {
    (None, 'A bottom row shows {n} release of prisoners.'): {
        'be': ['паказвае 1 вызваленне вязняў', 'паказвае 2 вызваленні вязняў', 'паказвае 5 вызваленняў вязняў', 'паказвае 21 вызваленне вязняў', 'паказвае 22 вызваленні вязняў'],
        'ru': ['показывает 1 освобождение заключённых', 'показывает 2 освобождения заключённых', 'показывает 5 освобождений заключённых', 'показывает 21 освобождение заключённых', 'показывает 22 освобождения заключённых'],
        'uk': ['показує 1 звільнення в’язнів', 'показує 2 звільнення в’язнів', 'показує 5 звільнень в’язнів', 'показує 21 звільнення в’язнів', 'показує 22 звільнення в’язнів'],
        'pl': ['pasie: 1 uwolnienie więźniów', 'pasie: 2 uwolnienia więźniów', 'pasie: 5 uwolnień więźniów', 'pasie: 21 uwolnień więźniów', 'pasie: 22 uwolnienia więźniów'],
        'lt': ['kalinių paleidimai: 1.', 'kalinių paleidimai: 2.', 'kalinių paleidimai: 5.', 'kalinių paleidimai: 21.', 'kalinių paleidimai: 22.'],
    },
    (None, 'Belarus: {n} person freed {period}'): {
        'be': ['вызвалілі 1 чалавека', 'вызвалілі 2 чалавекі', 'вызвалілі 5 чалавек', 'вызвалілі 21 чалавека', 'вызвалілі 22 чалавекі'],
        'ru': ['в Беларуси освободили 1 человека', 'в Беларуси освободили 2 человека', 'в Беларуси освободили 5 человек', 'в Беларуси освободили 21 человека', 'в Беларуси освободили 22 человека'],
        'uk': ['звільнила 1 людину', 'звільнила 2 людини', 'звільнила 5 людей', 'звільнила 21 людину', 'звільнила 22 людини'],
        'pl': ['uwolniono 1 osobę', 'uwolniono 2 osoby', 'uwolniono 5 osób', 'uwolniono 21 osób', 'uwolniono 22 osoby'],
        'lt': ['paleistas 1 žmogus', 'paleisti 2 žmonės', 'paleisti 5 žmonės', 'paleistas 21 žmogus', 'paleisti 22 žmonės'],
    },
    (None, 'Belarus: {n} political prisoner freed {period}'): {
        'be': ['вызвалілі 1 палітвязня', 'вызвалілі 2 палітвязні', 'вызвалілі 5 палітвязняў', 'вызвалілі 21 палітвязня', 'вызвалілі 22 палітвязні'],
        'ru': ['освободили 1 политзаключённого', 'освободили 2 политзаключённых', 'освободили 5 политзаключённых', 'освободили 21 политзаключённого', 'освободили 22 политзаключённых'],
        'uk': ['звільнила 1 політв’язня', 'звільнила 2 політв’язні', 'звільнила 5 політв’язнів', 'звільнила 21 політв’язня', 'звільнила 22 політв’язні'],
        'pl': ['uwolniono 1 więźnia politycznego', 'uwolniono 2 więźniów politycznych', 'uwolniono 5 więźniów politycznych', 'uwolniono 21 więźniów politycznych', 'uwolniono 22 więźniów politycznych'],
        'lt': ['paleistas 1 politinis kalinys', 'paleisti 2 politiniai kaliniai', 'paleisti 5 politiniai kaliniai', 'paleistas 21 politinis kalinys', 'paleisti 22 politiniai kaliniai'],
    },
    (None, "By Viasna's count, political prisoners held went from {first} on {first_date} to {last} on {last_date}, a fall of {change}, while {n} person was freed by official count."): {
        'be': ['вызвалілі 1 чалавека', 'вызвалілі 2 чалавекі', 'вызвалілі 5 чалавек', 'вызвалілі 21 чалавека', 'вызвалілі 22 чалавекі'],
        'ru': ['освобождён 1 человек', 'освобождены 2 человека', 'освобождены 5 человек', 'освобождён 21 человек', 'освобождены 22 человека'],
        'uk': ['звільнено 1 людину', 'звільнено 2 людини', 'звільнено 5 людей', 'звільнено 21 людину', 'звільнено 22 людини'],
        'pl': ['czasie 1 osobę', 'czasie 2 osoby', 'czasie 5 osób', 'czasie 21 osób', 'czasie 22 osoby'],
        'lt': ['paleistas 1 žmogus', 'paleisti 2 žmonės', 'paleisti 5 žmonės', 'paleistas 21 žmogus', 'paleisti 22 žmonės'],
    },
    (None, "By Viasna's count, political prisoners held went from {first} on {first_date} to {last} on {last_date}, a rise of {change}, while {n} person was freed by official count."): {
        'be': ['вызвалілі 1 чалавека', 'вызвалілі 2 чалавекі', 'вызвалілі 5 чалавек', 'вызвалілі 21 чалавека', 'вызвалілі 22 чалавекі'],
        'ru': ['освобождён 1 человек', 'освобождены 2 человека', 'освобождены 5 человек', 'освобождён 21 человек', 'освобождены 22 человека'],
        'uk': ['звільнено 1 людину', 'звільнено 2 людини', 'звільнено 5 людей', 'звільнено 21 людину', 'звільнено 22 людини'],
        'pl': ['czasie 1 osobę', 'czasie 2 osoby', 'czasie 5 osób', 'czasie 21 osób', 'czasie 22 osoby'],
        'lt': ['paleistas 1 žmogus', 'paleisti 2 žmonės', 'paleisti 5 žmonės', 'paleistas 21 žmogus', 'paleisti 22 žmonės'],
    },
    (None, 'Figures go stale after {n} day without new data.'): {
        'be': ['няма 1 дзень', 'няма 2 дні', 'няма 5 дзён', 'няма 21 дзень', 'няма 22 дні'],
        'ru': ['нет 1 день', 'нет 2 дня', 'нет 5 дней', 'нет 21 день', 'нет 22 дня'],
        'uk': ['немає 1 день', 'немає 2 дні', 'немає 5 днів', 'немає 21 день', 'немає 22 дні'],
        'pl': ['po 1 dniu bez', 'po 2 dniach bez', 'po 5 dniach bez', 'po 21 dniach bez', 'po 22 dniach bez'],
        'lt': ['nėra 1 dieną', 'nėra 2 dienas', 'nėra 5 dienas', 'nėra 21 dieną', 'nėra 22 dienas'],
    },
    (None, 'Markers along the bottom show {n} sanctions step ({list}): {kinds}.'): {
        'be': ['— 1 санкцыйны крок', '— 2 санкцыйныя крокі', '— 5 санкцыйных крокаў', '— 21 санкцыйны крок', '— 22 санкцыйныя крокі'],
        'ru': ['— 1 санкционная мера', '— 2 санкционные меры', '— 5 санкционных мер', '— 21 санкционная мера', '— 22 санкционные меры'],
        'uk': ['— 1 санкційний захід', '— 2 санкційні заходи', '— 5 санкційних заходів', '— 21 санкційний захід', '— 22 санкційні заходи'],
        'pl': ['to 1 decyzja sankcyjna', 'to 2 decyzje sankcyjne', 'to 5 decyzji sankcyjnych', 'to 21 decyzji sankcyjnych', 'to 22 decyzje sankcyjne'],
        'lt': ['– 1 sankcijų sprendimas', '– 2 sankcijų sprendimai', '– 5 sankcijų sprendimai', '– 21 sankcijų sprendimas', '– 22 sankcijų sprendimai'],
    },
    (None, 'No newer data in more than {n} day: check before publishing.'): {
        'be': ['за 1 дзень: праверце', 'за 2 дні: праверце', 'за 5 дзён: праверце', 'за 21 дзень: праверце', 'за 22 дні: праверце'],
        'ru': ['больше 1 дня: проверьте', 'больше 2 дней: проверьте', 'больше 5 дней: проверьте', 'больше 21 дня: проверьте', 'больше 22 дней: проверьте'],
        'uk': ['понад 1 день: перевірте', 'понад 2 дні: перевірте', 'понад 5 днів: перевірте', 'понад 21 день: перевірте', 'понад 22 дні: перевірте'],
        'pl': ['ponad 1 dnia: sprawdź', 'ponad 2 dni: sprawdź', 'ponad 5 dni: sprawdź', 'ponad 21 dni: sprawdź', 'ponad 22 dni: sprawdź'],
        'lt': ['nei 1 dieną: patikrinkite', 'nei 2 dienas: patikrinkite', 'nei 5 dienas: patikrinkite', 'nei 21 dieną: patikrinkite', 'nei 22 dienas: patikrinkite'],
    },
    (None, "Note: the black line breaks where Viasna's count has no figure for more than {days} ({n} gap); it is not interpolated."): {
        'be': ['D (1 перапынак); яна', 'D (2 перапынкі); яна', 'D (5 перапынкаў); яна', 'D (21 перапынак); яна', 'D (22 перапынкі); яна'],
        'ru': ['D (1 разрыв); пропуски', 'D (2 разрыва); пропуски', 'D (5 разрывов); пропуски', 'D (21 разрыв); пропуски', 'D (22 разрыва); пропуски'],
        'uk': ['D (1 прогалина); її', 'D (2 прогалини); її', 'D (5 прогалин); її', 'D (21 прогалина); її', 'D (22 прогалини); її'],
        'pl': ['D (1 luka); nie', 'D (2 luki); nie', 'D (5 luk); nie', 'D (21 luk); nie', 'D (22 luki); nie'],
        'lt': ['D (1 spraga); ji', 'D (2 spragos); ji', 'D (5 spragos); ji', 'D (21 spraga); ji', 'D (22 spragos); ji'],
    },
    (None, "Note: the rights group's count is not known for {n} release (people freed by official count: {people}); it is left out of this line."): {
        'be': ['для 1 вызвалення (паводле', 'для 2 вызваленняў (паводле', 'для 5 вызваленняў (паводле', 'для 21 вызвалення (паводле', 'для 22 вызваленняў (паводле'],
        'ru': ['для 1 освобождения (освобождено', 'для 2 освобождений (освобождено', 'для 5 освобождений (освобождено', 'для 21 освобождения (освобождено', 'для 22 освобождений (освобождено'],
        'uk': ['для 1 звільнення (звільнено', 'для 2 звільнень (звільнено', 'для 5 звільнень (звільнено', 'для 21 звільнення (звільнено', 'для 22 звільнень (звільнено'],
        'pl': ['dla 1 uwolnienia (uwolnieni', 'dla 2 uwolnień (uwolnieni', 'dla 5 uwolnień (uwolnieni', 'dla 21 uwolnień (uwolnieni', 'dla 22 uwolnień (uwolnieni'],
        'lt': ['dėl 1 paleidimo (oficialiais', 'dėl 2 paleidimų (oficialiais', 'dėl 5 paleidimų (oficialiais', 'dėl 21 paleidimo (oficialiais', 'dėl 22 paleidimų (oficialiais'],
    },
    (None, 'Political prisoners in Belarus: {n} person freed {period}'): {
        'be': ['вызвалілі 1 чалавека', 'вызвалілі 2 чалавекі', 'вызвалілі 5 чалавек', 'вызвалілі 21 чалавека', 'вызвалілі 22 чалавекі'],
        'ru': ['освобождён 1 человек', 'освобождены 2 человека', 'освобождены 5 человек', 'освобождён 21 человек', 'освобождены 22 человека'],
        'uk': ['звільнено 1 людину', 'звільнено 2 людини', 'звільнено 5 людей', 'звільнено 21 людину', 'звільнено 22 людини'],
        'pl': ['uwolniono 1 osobę', 'uwolniono 2 osoby', 'uwolniono 5 osób', 'uwolniono 21 osób', 'uwolniono 22 osoby'],
        'lt': ['paleistas 1 žmogus', 'paleisti 2 žmonės', 'paleisti 5 žmonės', 'paleistas 21 žmogus', 'paleisti 22 žmonės'],
    },
    (None, 'The largest single release freed {n} person, on {date}.'): {
        'be': ['T: 1 чалавек', 'T: 2 чалавекі', 'T: 5 чалавек', 'T: 21 чалавек', 'T: 22 чалавекі'],
        'ru': ['T: 1 человек', 'T: 2 человека', 'T: 5 человек', 'T: 21 человек', 'T: 22 человека'],
        'uk': ['T: 1 людина', 'T: 2 людини', 'T: 5 людей', 'T: 21 людина', 'T: 22 людини'],
        'pl': ['T: 1 osoba', 'T: 2 osoby', 'T: 5 osób', 'T: 21 osób', 'T: 22 osoby'],
        'lt': ['T: 1 žmogus', 'T: 2 žmonės', 'T: 5 žmonės', 'T: 21 žmogus', 'T: 22 žmonės'],
    },
    (None, 'The total rose from {first} on {first_date} to {total} by {last_date}, over {n} release.'): {
        'be': ['за 1 вызваленне', 'за 2 вызваленні', 'за 5 вызваленняў', 'за 21 вызваленне', 'за 22 вызваленні'],
        'ru': ['за 1 освобождение', 'за 2 освобождения', 'за 5 освобождений', 'за 21 освобождение', 'за 22 освобождения'],
        'uk': ['за 1 звільнення', 'за 2 звільнення', 'за 5 звільнень', 'за 21 звільнення', 'за 22 звільнення'],
        'pl': ['w sumie 1 uwolnienie.', 'w sumie 2 uwolnienia.', 'w sumie 5 uwolnień.', 'w sumie 21 uwolnień.', 'w sumie 22 uwolnienia.'],
        'lt': ['per 1 paleidimą', 'per 2 paleidimus', 'per 5 paleidimus', 'per 21 paleidimą', 'per 22 paleidimus'],
    },
    (None, 'Timeline of {n} sanctions action on Belarus ({list}) from {start} to {end}.'): {
        'be': ['шкала: 1 санкцыйная мера', 'шкала: 2 санкцыйныя меры', 'шкала: 5 санкцыйных мер', 'шкала: 21 санкцыйная мера', 'шкала: 22 санкцыйныя меры'],
        'ru': ['шкала: 1 санкционная мера', 'шкала: 2 санкционные меры', 'шкала: 5 санкционных мер', 'шкала: 21 санкционная мера', 'шкала: 22 санкционные меры'],
        'uk': ['шкала: 1 санкційний захід', 'шкала: 2 санкційні заходи', 'шкала: 5 санкційних заходів', 'шкала: 21 санкційний захід', 'шкала: 22 санкційні заходи'],
        'pl': ['czasu: 1 działanie sankcyjne', 'czasu: 2 działania sankcyjne', 'czasu: 5 działań sankcyjnych', 'czasu: 21 działań sankcyjnych', 'czasu: 22 działania sankcyjne'],
        'lt': ['juosta: 1 sankcijų sprendimas', 'juosta: 2 sankcijų sprendimai', 'juosta: 5 sankcijų sprendimai', 'juosta: 21 sankcijų sprendimas', 'juosta: 22 sankcijų sprendimai'],
    },
    (None, 'US relief came with releases: {near} of {n} step within {days}'): {
        'be': ['з 1 кроку — не', 'з 2 крокаў — не', 'з 5 крокаў — не', 'з 21 кроку — не', 'з 22 крокаў — не'],
        'ru': ['из 1 послабления —', 'из 2 послаблений —', 'из 5 послаблений —', 'из 21 послабления —', 'из 22 послаблений —'],
        'uk': ['із 1 кроку — протягом', 'із 2 кроків — протягом', 'із 5 кроків — протягом', 'із 21 кроку — протягом', 'із 22 кроків — протягом'],
        'pl': ['z 1 decyzji w', 'z 2 decyzji w', 'z 5 decyzji w', 'z 21 decyzji w', 'z 22 decyzji w'],
        'lt': ['iš 1 sprendimo – per', 'iš 2 sprendimų – per', 'iš 5 sprendimų – per', 'iš 21 sprendimo – per', 'iš 22 sprendimų – per'],
    },
    (None, 'person freed {period}'): {
        'be': ['чалавек вызвалены P', 'чалавекі вызвалена P', 'чалавек вызвалена P', 'чалавек вызвалены P', 'чалавекі вызвалена P'],
        'ru': ['человек освобождён P', 'человека освобождены P', 'человек освобождены P', 'человек освобождён P', 'человека освобождены P'],
        'uk': ['людину звільнено P', 'людини звільнено P', 'людей звільнено P', 'людину звільнено P', 'людини звільнено P'],
        'pl': ['osoba uwolniona P', 'osoby uwolnione P', 'osób uwolnionych P', 'osób uwolnionych P', 'osoby uwolnione P'],
        'lt': ['žmogus paleistas P', 'žmonės paleisti P', 'žmonės paleisti P', 'žmogus paleistas P', 'žmonės paleisti P'],
    },
    (None, 'political prisoner freed {period}'): {
        'be': ['палітвязень вызвалены P', 'палітвязні вызвалена P', 'палітвязняў вызвалена P', 'палітвязень вызвалены P', 'палітвязні вызвалена P'],
        'ru': ['политзаключённый освобождён P', 'политзаключённых освобождены P', 'политзаключённых освобождены P', 'политзаключённый освобождён P', 'политзаключённых освобождены P'],
        'uk': ['політв’язень звільнений P', 'політв’язні звільнені P', 'політв’язнів звільнено P', 'політв’язень звільнений P', 'політв’язні звільнені P'],
        'pl': ['więzień polityczny uwolniony', 'więźniowie polityczni uwolnieni', 'więźniów politycznych uwolnionych', 'więźniów politycznych uwolnionych', 'więźniowie polityczni uwolnieni'],
        'lt': ['politinis kalinys paleistas', 'politiniai kaliniai paleisti', 'politiniai kaliniai paleisti', 'politinis kalinys paleistas', 'politiniai kaliniai paleisti'],
    },
    ('notable people', '{names} and {n} more'): {
        'be': ['яшчэ 1', 'яшчэ 2', 'яшчэ 5', 'яшчэ 21', 'яшчэ 22'],
        'ru': ['ещё 1', 'ещё 2', 'ещё 5', 'ещё 21', 'ещё 22'],
        'uk': ['ще 1', 'ще 2', 'ще 5', 'ще 21', 'ще 22'],
        'pl': ['i 1 inna osoba', 'i 2 inne osoby', 'i 5 innych', 'i 21 innych', 'i 22 inne osoby'],
        'lt': ['dar 1', 'dar 2', 'dar 5', 'dar 21', 'dar 22'],
    },
    ('more than {n} days', '{n} day'): {
        'be': ['1 дзень', '2 дні', '5 дзён', '21 дзень', '22 дні'],
        'ru': ['1 дня', '2 дней', '5 дней', '21 дня', '22 дней'],
        'uk': ['1 день', '2 дні', '5 днів', '21 день', '22 дні'],
        'pl': ['1 dzień', '2 dni', '5 dni', '21 dni', '22 dni'],
        'lt': ['1 diena', '2 dienos', '5 dienos', '21 diena', '22 dienos'],
    },
    ('within {n} days', '{n} day'): {
        'be': ['1 дзень', '2 дні', '5 дзён', '21 дзень', '22 дні'],
        'ru': ['1 дня', '2 дней', '5 дней', '21 дня', '22 дней'],
        'uk': ['1 дня', '2 днів', '5 днів', '21 дня', '22 днів'],
        'pl': ['1 dnia', '2 dni', '5 dni', '21 dni', '22 dni'],
        'lt': ['1 dieną', '2 dienas', '5 dienas', '21 dieną', '22 dienas'],
    },
    (None, '{n} more milestone is not labelled: a name in it has no verified spelling in this language.'): {
        'be': ['Яшчэ 1 падзея не', 'Яшчэ 2 падзеі не', 'Яшчэ 5 падзей не', 'Яшчэ 21 падзея не', 'Яшчэ 22 падзеі не'],
        'ru': ['Ещё 1 событие не', 'Ещё 2 события не', 'Ещё 5 событий не', 'Ещё 21 событие не', 'Ещё 22 события не'],
        'uk': ['Ще 1 подію не', 'Ще 2 події не', 'Ще 5 подій не', 'Ще 21 подію не', 'Ще 22 події не'],
        'pl': ['Pominięto 1 podpis: brak', 'Pominięto 2 podpisy: brak', 'Pominięto 5 podpisów: brak', 'Pominięto 21 podpisów: brak', 'Pominięto 22 podpisy: brak'],
        'lt': ['Nerodomas 1 užrašas: lietuviška', 'Nerodomi 2 užrašai: lietuviška', 'Nerodomi 5 užrašai: lietuviška', 'Nerodomas 21 užrašas: lietuviška', 'Nerodomi 22 užrašai: lietuviška'],
    },
    (None, '{n} more milestone is not labelled: its label does not fit.'): {
        'be': ['Яшчэ 1 падзея не', 'Яшчэ 2 падзеі не', 'Яшчэ 5 падзей не', 'Яшчэ 21 падзея не', 'Яшчэ 22 падзеі не'],
        'ru': ['Ещё 1 событие не', 'Ещё 2 события не', 'Ещё 5 событий не', 'Ещё 21 событие не', 'Ещё 22 события не'],
        'uk': ['Ще 1 подію не', 'Ще 2 події не', 'Ще 5 подій не', 'Ще 21 подію не', 'Ще 22 події не'],
        'pl': ['Pominięto 1 podpis: brak', 'Pominięto 2 podpisy: brak', 'Pominięto 5 podpisów: brak', 'Pominięto 21 podpisów: brak', 'Pominięto 22 podpisy: brak'],
        'lt': ['Nerodomas 1 užrašas: jis', 'Nerodomi 2 užrašai: jie', 'Nerodomi 5 užrašai: jie', 'Nerodomas 21 užrašas: jis', 'Nerodomi 22 užrašai: jie'],
    },
    (None, '{n} of them came within {days} of a release; the first was on {first} and the last on {last}.'): {
        'be': ['1 з іх адбылося', '2 з іх адбыліся', '5 з іх адбыліся', '21 з іх адбылося', '22 з іх адбыліся'],
        'ru': ['Из них 1 последовало', 'Из них 2 последовали', 'Из них 5 последовали', 'Из них 21 последовало', 'Из них 22 последовали'],
        'uk': ['Із них 1 відбулося', 'Із них 2 відбулися', 'Із них 5 відбулися', 'Із них 21 відбулося', 'Із них 22 відбулися'],
        'pl': ['po uwolnieniu: 1; pierwsza', 'po uwolnieniu: 2; pierwsza', 'po uwolnieniu: 5; pierwsza', 'po uwolnieniu: 21; pierwsza', 'po uwolnieniu: 22; pierwsza'],
        'lt': ['1 iš jų', '2 iš jų', '5 iš jų', '21 iš jų', '22 iš jų'],
    },
    ('list of publishers', '{n} other'): {
        'be': ['яшчэ 1', 'яшчэ 2', 'яшчэ 5', 'яшчэ 21', 'яшчэ 22'],
        'ru': ['ещё 1', 'ещё 2', 'ещё 5', 'ещё 21', 'ещё 22'],
        'uk': ['ще 1', 'ще 2', 'ще 5', 'ще 21', 'ще 22'],
        'pl': ['jeszcze 1', 'jeszcze 2', 'jeszcze 5', 'jeszcze 21', 'jeszcze 22'],
        'lt': ['dar 1', 'dar 2', 'dar 5', 'dar 21', 'dar 22'],
    },
    ('notable people, none spelled', '{n} person'): {
        'be': ['1 чалавек', '2 чалавекі', '5 чалавек', '21 чалавек', '22 чалавекі'],
        'ru': ['1 человек', '2 человека', '5 человек', '21 человек', '22 человека'],
        'uk': ['1 людина', '2 людини', '5 людей', '21 людина', '22 людини'],
        'pl': ['1 osoba', '2 osoby', '5 osób', '21 osób', '22 osoby'],
        'lt': ['1 žmogus', '2 žmonės', '5 žmonės', '21 žmogus', '22 žmonės'],
    },
    (None, '{n} person freed {period}, but the number of political prisoners held fell by {change}'): {
        'be': ['вызвалілі 1 чалавека, а', 'вызвалілі 2 чалавекі, а', 'вызвалілі 5 чалавек, а', 'вызвалілі 21 чалавека, а', 'вызвалілі 22 чалавекі, а'],
        'ru': ['освободили 1 человека, а', 'освободили 2 человека, а', 'освободили 5 человек, а', 'освободили 21 человека, а', 'освободили 22 человека, а'],
        'uk': ['звільнили 1 людину, а', 'звільнили 2 людини, а', 'звільнили 5 людей, а', 'звільнили 21 людину, а', 'звільнили 22 людини, а'],
        'pl': ['uwolniono 1 osobę, a', 'uwolniono 2 osoby, a', 'uwolniono 5 osób, a', 'uwolniono 21 osób, a', 'uwolniono 22 osoby, a'],
        'lt': ['paleistas 1 žmogus, bet', 'paleisti 2 žmonės, bet', 'paleisti 5 žmonės, bet', 'paleistas 21 žmogus, bet', 'paleisti 22 žmonės, bet'],
    },
    (None, '{n} person freed {period}, yet the number of political prisoners held rose by {change}'): {
        'be': ['вызвалілі 1 чалавека, але', 'вызвалілі 2 чалавекі, але', 'вызвалілі 5 чалавек, але', 'вызвалілі 21 чалавека, але', 'вызвалілі 22 чалавекі, але'],
        'ru': ['освободили 1 человека, но', 'освободили 2 человека, но', 'освободили 5 человек, но', 'освободили 21 человека, но', 'освободили 22 человека, но'],
        'uk': ['звільнили 1 людину, але', 'звільнили 2 людини, але', 'звільнили 5 людей, але', 'звільнили 21 людину, але', 'звільнили 22 людини, але'],
        'pl': ['uwolniono 1 osobę, ale', 'uwolniono 2 osoby, ale', 'uwolniono 5 osób, ale', 'uwolniono 21 osób, ale', 'uwolniono 22 osoby, ale'],
        'lt': ['paleistas 1 žmogus, tačiau', 'paleisti 2 žmonės, tačiau', 'paleisti 5 žmonės, tačiau', 'paleistas 21 žmogus, tačiau', 'paleisti 22 žmonės, tačiau'],
    },
    (None, '{n} person newly recognised as a political prisoner {period}'): {
        'be': ['1 чалавек упершыню', '2 чалавекі ўпершыню', '5 чалавек упершыню', '21 чалавек упершыню', '22 чалавекі ўпершыню'],
        'ru': ['1 человек P', '2 человека P', '5 человек P', '21 человек P', '22 человека P'],
        'uk': ['1 людину P', '2 людини P', '5 людей P', '21 людину P', '22 людини P'],
        'pl': ['1 osoba po', '2 osoby po', '5 osób po', '21 osób po', '22 osoby po'],
        'lt': ['pripažintas 1 žmogus', 'pripažinti 2 žmonės', 'pripažinti 5 žmonės', 'pripažintas 21 žmogus', 'pripažinti 22 žmonės'],
    },
    (None, '{n} person was newly recognised as a political prisoner between {start} and {end}.'): {
        'be': ['1 чалавек упершыню', '2 чалавекі ўпершыню', '5 чалавек упершыню', '21 чалавек упершыню', '22 чалавекі ўпершыню'],
        'ru': ['впервые признан 1 человек.', 'впервые признаны 2 человека.', 'впервые признаны 5 человек.', 'впервые признан 21 человек.', 'впервые признаны 22 человека.'],
        'uk': ['1 людину вперше', '2 людини вперше', '5 людей уперше', '21 людину вперше', '22 людини вперше'],
        'pl': ['1 osoba została', '2 osoby zostały', '5 osób zostało', '21 osób zostało', '22 osoby zostały'],
        'lt': ['1 žmogus naujai', '2 žmonės naujai', '5 žmonės naujai', '21 žmogus naujai', '22 žmonės naujai'],
    },
    (None, 'Hollow circle on the line: {n} unconfirmed report of a release ({list}), not counted in any total.'): {
        'be': ['1 непацверджанае паведамленне', '2 непацверджаныя паведамленні', '5 непацверджаных паведамленняў', '21 непацверджанае паведамленне', '22 непацверджаныя паведамленні'],
        'ru': ['1 неподтверждённое сообщение', '2 неподтверждённых сообщения', '5 неподтверждённых сообщений', '21 неподтверждённое сообщение', '22 неподтверждённых сообщения'],
        'uk': ['1 непідтверджене повідомлення', '2 непідтверджені повідомлення', '5 непідтверджених повідомлень', '21 непідтверджене повідомлення', '22 непідтверджені повідомлення'],
        'pl': ['1 niepotwierdzone doniesienie', '2 niepotwierdzone doniesienia', '5 niepotwierdzonych doniesień', '21 niepotwierdzonych doniesień', '22 niepotwierdzone doniesienia'],
        'lt': ['1 nepatvirtintas pranešimas', '2 nepatvirtinti pranešimai', '5 nepatvirtinti pranešimai', '21 nepatvirtintas pranešimas', '22 nepatvirtinti pranešimai'],
    },
    (None, '{n} unconfirmed report of a release is not counted until it is checked: {list}.'): {
        'be': ['Не ўлічана 1 непацверджанае', 'Не ўлічаны 2 непацверджаныя', 'Не ўлічана 5 непацверджаных', 'Не ўлічана 21 непацверджанае', 'Не ўлічаны 22 непацверджаныя'],
        'ru': ['Не учтено 1 неподтверждённое сообщение', 'Не учтены 2 неподтверждённых сообщения', 'Не учтено 5 неподтверждённых сообщений', 'Не учтено 21 неподтверждённое сообщение', 'Не учтены 22 неподтверждённых сообщения'],
        'uk': ['Не враховано 1 непідтверджене повідомлення', 'Не враховано 2 непідтверджені повідомлення', 'Не враховано 5 непідтверджених повідомлень', 'Не враховано 21 непідтверджене повідомлення', 'Не враховано 22 непідтверджені повідомлення'],
        'pl': ['Nie wliczono 1 niepotwierdzonego doniesienia', 'Nie wliczono 2 niepotwierdzonych doniesień', 'Nie wliczono 5 niepotwierdzonych doniesień', 'Nie wliczono 21 niepotwierdzonych doniesień', 'Nie wliczono 22 niepotwierdzonych doniesień'],
        'lt': ['Neįskaičiuotas 1 nepatvirtintas pranešimas', 'Neįskaičiuoti 2 nepatvirtinti pranešimai', 'Neįskaičiuoti 5 nepatvirtinti pranešimai', 'Neįskaičiuotas 21 nepatvirtintas pranešimas', 'Neįskaičiuoti 22 nepatvirtinti pranešimai'],
    },
    (None, '{n} release came with a visit by US officials; people freed in it: {people}.'): {
        'be': ['1 вызваленне адбылося', '2 вызваленні адбыліся', '5 вызваленняў адбыліся', '21 вызваленне адбылося', '22 вызваленні адбыліся'],
        'ru': ['совпало 1 освобождение;', 'совпали 2 освобождения;', 'совпали 5 освобождений;', 'совпало 21 освобождение;', 'совпали 22 освобождения;'],
        'uk': ['1 звільнення відбулося', '2 звільнення відбулися', '5 звільнень відбулися', '21 звільнення відбулося', '22 звільнення відбулися'],
        'pl': ['1 uwolnienie nastąpiło', '2 uwolnienia nastąpiły', '5 uwolnień nastąpiło', '21 uwolnień nastąpiło', '22 uwolnienia nastąpiły'],
        'lt': ['1 paleidimas įvyko', '2 paleidimai įvyko', '5 paleidimai įvyko', '21 paleidimas įvyko', '22 paleidimai įvyko'],
    },
}


def plural_messages() -> list:
    with (ROOT / "locale" / "desk.pot").open("rb") as handle:
        return [m for m in read_po(handle) if m.id and isinstance(m.id, tuple)]


def rendered(code: str, context, singular: str, plural: str, n: int) -> str:
    names = {name for _, name, _, _ in string.Formatter().parse(singular) if name and name != "n"}
    values = {name: DUMMIES.get(name, 7) for name in names}
    return translator(code).npphrase(context, singular, plural, n, **values).replace("\u00a0", " ")


def test_every_plural_message_has_its_row():
    assert {(m.context, m.id[0]) for m in plural_messages()} == set(EXPECTED)


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_words_agree_with_1_2_5_21_and_22(code):
    wrong = []
    for message in plural_messages():
        for n, words in zip(NUMBERS, EXPECTED[(message.context, message.id[0])][code]):
            text = rendered(code, message.context, message.id[0], message.id[1], n)
            if words not in text:
                wrong.append(f"{message.id[0]!r} with {n}: expected {words!r} in {text!r}")
    assert wrong == []


def test_the_check_finds_a_form_with_the_wrong_ending(tmp_path):
    import shutil

    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    path = tmp_path / "locale" / "ru" / "LC_MESSAGES" / "desk.po"
    text = path.read_text(encoding="utf-8")
    assert 'msgstr[1] "{period} в Беларуси освободили {n} человека"' in text
    path.write_text(text.replace('msgstr[1] "{period} в Беларуси освободили {n} человека"',
                                 'msgstr[1] "{period} в Беларуси освободили {n} человек"'), encoding="utf-8")
    t = translator("ru", locale_root=tmp_path / "locale")
    text = t.nphrase("Belarus: {n} person freed {period}", "Belarus: {n} people freed {period}", 22,
                     period="P").replace("\u00a0", " ")
    assert EXPECTED[(None, "Belarus: {n} person freed {period}")]["ru"][4] not in text
