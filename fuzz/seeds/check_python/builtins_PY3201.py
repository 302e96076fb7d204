"""Run queued jobs through their registered handlers."""
import logging
import sys

log = logging.getLogger(__name__)


def run_job(job):
    handler, args = job["handler"], job["args"]
    kwargs = job.get("kwargs")
    if kwargs:
        return apply(handler, args, kwargs)
    return apply(handler, args)


def run_named(registry, name, args):
    # the callee is an expression: the fix parenthesises it before calling
    return apply(registry.get(name) or (lambda *a: None), args)


def run_hook(callback, event):
    log.debug("hook result: %r", apply(
        callback,  # the user's hook; this comment would be dropped, so the fix is unsafe
        (event,),
    ))


def run_spread(handler, extra):
    # starred arguments: reported without a fix
    return apply(handler, *extra)


def replay(events, apply=None):
    # `apply` is this function's callback parameter, not the builtin
    for event in events:
        apply(event)


def run_pipeline(pipeline, record):
    # a method called `apply` is not the builtin
    return pipeline.apply(record, strict=True)


if sys.version_info < (3,):
    def call_hook(hook, args):
        return apply(hook, args)  # Python 2 only branch: not reported
else:
    def call_hook(hook, args):
        return hook(*args)
