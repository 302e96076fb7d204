def run(code, namespace):
    exec code
    exec code in namespace
    exec code in namespace, {}
    exec "x = 1" in namespace
    exec compile(code, "<string>", "exec") in namespace
    exec code % {"name": "x"} in namespace
    exec (code) in namespace
    exec(code)
    exec(code, namespace)
