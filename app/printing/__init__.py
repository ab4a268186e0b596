"""Printed slips: reportlab PDFs of the registers' forms (no Qt; renderers never touch the DB)."""
