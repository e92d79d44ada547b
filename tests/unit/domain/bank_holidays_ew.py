"""England and Wales bank holidays 2019 to 2028, as published on gov.uk/bank-holidays (test data only).

Written out by hand so the domain tests depend on no package or network. It includes the one-off days:
8 May 2020 (early May bank holiday moved for VE Day), 2 and 3 June 2022 (Platinum Jubilee), 19 September 2022
(State Funeral of Queen Elizabeth II) and 8 May 2023 (Coronation of King Charles III).
"""

from datetime import date

BANK_HOLIDAYS_EW: frozenset[date] = frozenset(
    {
        # 2019
        date(2019, 1, 1), date(2019, 4, 19), date(2019, 4, 22), date(2019, 5, 6),
        date(2019, 5, 27), date(2019, 8, 26), date(2019, 12, 25), date(2019, 12, 26),
        # 2020: early May bank holiday moved to Friday 8 May for VE Day; Boxing Day substitute on 28 December
        date(2020, 1, 1), date(2020, 4, 10), date(2020, 4, 13), date(2020, 5, 8),
        date(2020, 5, 25), date(2020, 8, 31), date(2020, 12, 25), date(2020, 12, 28),
        # 2021: Christmas Day and Boxing Day substitutes on 27 and 28 December
        date(2021, 1, 1), date(2021, 4, 2), date(2021, 4, 5), date(2021, 5, 3),
        date(2021, 5, 31), date(2021, 8, 30), date(2021, 12, 27), date(2021, 12, 28),
        # 2022: New Year's Day substitute 3 January; Platinum Jubilee; State Funeral; Christmas substitute 27 December
        date(2022, 1, 3), date(2022, 4, 15), date(2022, 4, 18), date(2022, 5, 2),
        date(2022, 6, 2), date(2022, 6, 3), date(2022, 8, 29), date(2022, 9, 19),
        date(2022, 12, 26), date(2022, 12, 27),
        # 2023: New Year's Day substitute on 2 January; Coronation on 8 May
        date(2023, 1, 2), date(2023, 4, 7), date(2023, 4, 10), date(2023, 5, 1),
        date(2023, 5, 8), date(2023, 5, 29), date(2023, 8, 28), date(2023, 12, 25),
        date(2023, 12, 26),
        # 2024
        date(2024, 1, 1), date(2024, 3, 29), date(2024, 4, 1), date(2024, 5, 6),
        date(2024, 5, 27), date(2024, 8, 26), date(2024, 12, 25), date(2024, 12, 26),
        # 2025
        date(2025, 1, 1), date(2025, 4, 18), date(2025, 4, 21), date(2025, 5, 5),
        date(2025, 5, 26), date(2025, 8, 25), date(2025, 12, 25), date(2025, 12, 26),
        # 2026: Boxing Day substitute on 28 December
        date(2026, 1, 1), date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 4),
        date(2026, 5, 25), date(2026, 8, 31), date(2026, 12, 25), date(2026, 12, 28),
        # 2027: Christmas Day and Boxing Day substitutes on 27 and 28 December
        date(2027, 1, 1), date(2027, 3, 26), date(2027, 3, 29), date(2027, 5, 3),
        date(2027, 5, 31), date(2027, 8, 30), date(2027, 12, 27), date(2027, 12, 28),
        # 2028: New Year's Day substitute on 3 January
        date(2028, 1, 3), date(2028, 4, 14), date(2028, 4, 17), date(2028, 5, 1),
        date(2028, 5, 29), date(2028, 8, 28), date(2028, 12, 25), date(2028, 12, 26),
    }
)  # fmt: skip

FIRST_YEAR = 2019
LAST_YEAR = 2028
