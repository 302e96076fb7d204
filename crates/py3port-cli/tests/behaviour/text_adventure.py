#!/usr/bin/env python
# A small text adventure driven by commands read with raw_input() from standard
# input: rooms, items, a locked door, a score and a command history.
ROOMS = {
    "hall": {"description": "a dusty hall", "exits": {"north": "library"}, "items": ["lamp"]},
    "library": {"description": "a dark library", "exits": {"south": "hall", "east": "vault"},
                "items": []},
    "vault": {"description": "a cold vault", "exits": {"west": "library"}, "items": ["key"],
              "dark": True},
}


class Game:
    def __init__(self):
        self.room = "hall"
        self.inventory = []
        self.moves = 0
        self.lit = False
        self.history = []

    def describe(self):
        room = ROOMS[self.room]
        if room.get("dark") and not self.lit:
            print "It is too dark to see."
            return
        print "You are in %s." % room["description"],
        if room["items"]:
            print "You see: %s." % ", ".join(room["items"])
        else:
            print
        print "Exits:", " ".join(sorted(room["exits"].iterkeys()))

    def do(self, line):
        words = line.split()
        if not words:
            return True
        verb, args = words[0], words[1:]
        self.history.append(verb)
        handler = getattr(self, "cmd_" + verb, None)
        if handler is None:
            print "I don't know how to %s." % verb
            return True
        return apply(handler, args)

    def cmd_look(self):
        self.describe()
        return True

    def cmd_go(self, direction):
        exits = ROOMS[self.room]["exits"]
        if not exits.has_key(direction):
            print "You can't go %s." % direction
            return True
        self.room = exits[direction]
        self.moves += 1
        self.describe()
        return True

    def cmd_take(self, item):
        items = ROOMS[self.room]["items"]
        if item in items and (self.lit or not ROOMS[self.room].get("dark")):
            items.remove(item)
            self.inventory.append(item)
            print "Taken:", item
        else:
            print "There is no %s here." % item
        return True

    def cmd_use(self, item):
        if item == "lamp" and item in self.inventory:
            self.lit = True
            print "The lamp is now on."
            self.describe()
        return True

    def cmd_inventory(self):
        print "You carry:", self.inventory or "nothing"
        return True

    def cmd_score(self):
        score = len(self.inventory) * 50 / max(self.moves, 1)
        print "Score:", score, "in", self.moves, "moves"
        return True

    def cmd_quit(self):
        print "Bye. Commands used:", len(self.history), "distinct:", len(set(self.history))
        return False


def main():
    game = Game()
    while True:
        try:
            line = raw_input("> ")
        except EOFError:
            break
        print line
        if not game.do(line):
            break


main()
