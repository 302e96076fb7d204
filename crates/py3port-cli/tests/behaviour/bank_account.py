#!/usr/bin/env python
# A bank simulation with classic classes: accounts with interest, a ledger, an
# overdraft exception raised the Python 2 way, and a monthly statement.


class InsufficientFunds(Exception):
    def __init__(self, account, amount):
        Exception.__init__(self, account.owner, amount)
        self.account = account
        self.amount = amount


class Transaction:
    def __init__(self, kind, amount, balance):
        self.kind = kind
        self.amount = amount
        self.balance = balance

    def __str__(self):
        return "%-10s %8s %10s" % (self.kind, money(self.amount), money(self.balance))


def money(cents):
    sign = cents < 0 and "-" or ""
    cents = abs(cents)
    return "%s%d.%02d" % (sign, cents / 100, cents % 100)


class Account:
    rate_percent = 0
    overdraft = 0L

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = long(balance)
        self.history = []

    def __cmp__(self, other):
        return cmp(self.balance, other.balance)

    def __nonzero__(self):
        return self.balance > 0

    def deposit(self, amount):
        self.balance += amount
        self.history.append(Transaction("deposit", amount, self.balance))

    def withdraw(self, amount):
        if self.balance - amount < -self.overdraft:
            raise InsufficientFunds, (self, amount)
        self.balance -= amount
        self.history.append(Transaction("withdraw", -amount, self.balance))

    def add_interest(self):
        interest = self.balance * self.rate_percent / 100
        if interest:
            self.balance += interest
            self.history.append(Transaction("interest", interest, self.balance))

    def statement(self):
        print "Statement for", self.owner
        for t in self.history:
            print " ", t
        print "  balance:", money(self.balance)


class Savings(Account):
    rate_percent = 3


class Checking(Account):
    overdraft = 50000


def transfer(source, target, amount):
    try:
        source.withdraw(amount)
    except InsufficientFunds, e:
        print "refused: %s cannot pay %s" % (e.args[0], money(e.amount))
        return False
    target.deposit(amount)
    return True


def main():
    alice = Savings("alice", 100000)
    bob = Checking("bob")
    carol = Account("carol", 2500)
    accounts = [alice, bob, carol]
    transfer(alice, bob, 25050)
    transfer(bob, carol, 70000)
    transfer(bob, carol, 40000)
    transfer(carol, alice, 1)
    for month in xrange(1, 4):
        for account in accounts:
            account.add_interest()
    for account in accounts:
        account.statement()
    print "richest:", max(accounts).owner
    print "ranking:", [a.owner for a in sorted(accounts, reverse=True)]
    print "in credit:", [a.owner for a in accounts if a]
    print "total:", money(sum([a.balance for a in accounts]))
    print "balance repr:", repr(alice.balance)


main()
