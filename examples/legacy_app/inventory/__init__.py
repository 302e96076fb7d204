"""Inventory tracking for the warehouse (Python 2.7)."""

__version__ = '1.4.2'
