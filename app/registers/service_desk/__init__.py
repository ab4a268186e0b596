"""The service desk (报修、维修 / 客户投诉 / 回访, SPEC §3.4–3.6): declared in `register.py`, its
rules in `rules.py`, the monthly and quarterly report in `reports.py`."""

from app.registers.service_desk import register  # noqa: F401  (declares the registers)
