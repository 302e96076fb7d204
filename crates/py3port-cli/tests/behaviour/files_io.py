# file(), open modes, xreadlines, reading and writing in a temporary directory.
import os
import tempfile

directory = tempfile.mkdtemp()
path = os.path.join(directory, "notes.txt")
out = file(path, "w")
out.write("first line\n")
out.writelines(["second line\n", "third line\n"])
out.close()

f = file(path)
print "first:", f.readline().strip()
for line in f.xreadlines():
    print "line:", line.rstrip()
f.close()

with open(path, "U") as handle:
    print "universal:", len(handle.readlines())

with open(path, "rb") as handle:
    raw = handle.read()
print "binary length:", len(raw)

count = 0
for line in open(path, "r"):
    count += 1
print "count:", count

append = open(path, "a")
print >>append, "fourth", "line"
append.close()
print "last:", open(path).read().splitlines()[-1]
print "isinstance file:", isinstance(open(path), file)

os.remove(path)
os.rmdir(directory)
print "cleaned up:", not os.path.exists(directory)
