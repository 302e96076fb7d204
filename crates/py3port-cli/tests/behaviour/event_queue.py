#!/usr/bin/env python
# A discrete-event simulation of a print shop: jobs arrive on a priority queue,
# workers take them from a FIFO Queue, and a summary is printed at the end.
import heapq
import itertools
import Queue


class Job:
    ids = itertools.count(1)

    def __init__(self, arrival, pages, priority):
        self.id = self.ids.next()
        self.arrival = arrival
        self.pages = pages
        self.priority = priority

    def __repr__(self):
        return "Job#%d" % self.id


class Printer:
    def __init__(self, name, pages_per_tick):
        self.name = name
        self.speed = pages_per_tick
        self.busy_until = 0
        self.done = []

    def duration(self, job):
        return (job.pages + self.speed - 1) / self.speed


def simulate(jobs, printers):
    events = []
    for job in jobs:
        heapq.heappush(events, (job.arrival, -job.priority, job.id, job))
    waiting = Queue.Queue()
    clock = 0
    log = []
    while events or not waiting.empty():
        if events:
            clock, _, _, job = heapq.heappop(events)
            waiting.put(job)
        free = [p for p in printers if p.busy_until <= clock]
        free.sort(lambda a, b: cmp(a.busy_until, b.busy_until) or cmp(a.name, b.name))
        for printer in free:
            if waiting.empty():
                break
            job = waiting.get_nowait()
            start = max(clock, printer.busy_until)
            printer.busy_until = start + printer.duration(job)
            printer.done.append(job)
            log.append((start, printer.name, job))
        if not events and not waiting.empty():
            clock = min(p.busy_until for p in printers)
    return log


def main():
    jobs = [Job(t, pages, prio) for t, pages, prio in
            [(0, 10, 1), (0, 3, 5), (1, 25, 1), (2, 4, 3), (2, 8, 2), (5, 1, 9)]]
    printers = [Printer("laser", 4), Printer("inkjet", 1)]
    log = simulate(jobs, printers)
    for start, name, job in log:
        print "t=%2d %-6s %s (%d pages)" % (start, name, job, job.pages)
    for printer in printers:
        pages = sum(job.pages for job in printer.done)
        print "%s printed %d jobs, %d pages, busy until %d" % (
            printer.name, len(printer.done), pages, printer.busy_until)
    finish = max(p.busy_until for p in printers)
    print "throughput: %d pages per 10 ticks" % (sum(j.pages for j in jobs) * 10 / finish)
    pairs = list(itertools.izip(jobs, jobs[1:]))
    gaps = map(lambda (a, b): b.arrival - a.arrival, pairs)
    print "arrival gaps:", gaps


main()
