# -*- coding: utf-8 -*-
# A tiny template engine: {{ name }} substitutions with filters, {% for %} loops
# and {% if %} blocks, compiled to Python source and run with exec.
import re

TOKEN = re.compile(r"({{.*?}}|{%.*?%})")

FILTERS = {
    "upper": lambda v: unicode(v).upper(),
    "title": lambda v: unicode(v).title(),
    "len": lambda v: len(v),
    "repr": lambda v: `v`,
}


class TemplateError(Exception):
    pass


class Template:
    def __init__(self, text):
        self.text = text
        self.source = self.compile(text)

    def compile(self, text):
        lines = ["def render(context, filters, out):"]
        indent = 1
        for token in TOKEN.split(text):
            if token.startswith("{{"):
                expression = token[2:-2].strip()
                parts = map(string_strip, expression.split("|"))
                code = "context.get(%r, u'')" % parts[0]
                for name in parts[1:]:
                    if not FILTERS.has_key(name):
                        raise TemplateError, "unknown filter %s" % name
                    code = "filters[%r](%s)" % (name, code)
                lines.append("    " * indent + "out.append(unicode(%s))" % code)
            elif token.startswith("{%"):
                words = token[2:-2].split()
                if words[0] == "for":
                    lines.append("    " * indent + "for %s in context[%r]:" % (words[1], words[3]))
                    indent += 1
                    lines.append("    " * indent + "context[%r] = %s" % (words[1], words[1]))
                elif words[0] == "if":
                    lines.append("    " * indent + "if context.get(%r):" % words[1])
                    indent += 1
                elif words[0] in ("endfor", "endif"):
                    indent -= 1
                else:
                    raise TemplateError("unknown tag %s" % words[0])
            elif token:
                lines.append("    " * indent + "out.append(%r)" % token)
        return "\n".join(lines) + "\n"

    def render(self, **context):
        namespace = {}
        exec self.source in namespace
        out = []
        namespace["render"](dict(context), FILTERS, out)
        return u"".join(out)


def string_strip(s):
    return s.strip()


page = Template(u"""Hello {{ name|title }}!
{% if admin %}You are an administrator.
{% endif %}Items ({{ items|len }}):
{% for item in items %}  - {{ item|upper }}
{% endfor %}Total: {{ total }} ({{ note|repr }})
""")

print page.render(name=u"zoë smith", admin=True, items=[u"apple", u"crème"], total=3L, note="ok")
print page.render(name="bob", admin=False, items=[], total=0, note=7)
try:
    Template(u"{{ x|shout }}")
except TemplateError, e:
    print "error:", e
try:
    Template(u"{% while x %}")
except TemplateError, e:
    print "error:", e.message
print "compiled lines:", len(page.source.splitlines())
