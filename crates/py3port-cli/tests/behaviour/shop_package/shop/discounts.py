# Quantity discounts, in percent.
import prices


def discount_for(name, quantity):
    if not prices.PRICES.has_key(name):
        return 0
    if quantity >= 4:
        return 10
    return 0
