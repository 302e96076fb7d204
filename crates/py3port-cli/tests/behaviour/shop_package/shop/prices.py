# Prices in cents, and a formatter.
PRICES = {"pen": 150, "notebook": 425, "stapler": 999}


def format_cents(cents):
    return "%d.%02d" % (cents / 100, cents % 100)
