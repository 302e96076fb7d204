# Byte strings meeting text and byte-oriented APIs: codecs, indexing, hashlib,
# struct, base64.
import base64
import binascii
import hashlib
import struct

data = "hello"
print "hex:", data.encode("hex")
print "unhex:", "68656c6c6f".decode("hex")
print "base64 codec:", "hi there".encode("base64").strip()
print "b64encode:", base64.b64encode("hi there")
print "hexlify:", binascii.hexlify("ab")
print "md5:", hashlib.md5("abc").hexdigest()

packed = struct.pack(">HH", 1, 2)
print "packed length:", len(packed)
print "first byte:", ord(packed[1])
print "unpacked:", struct.unpack(">HH", packed)

header = "GIF89a"
print "magic:", header[:3] == "GIF"
print "chr:", chr(65) + chr(66)
print "bytes():", bytes(42)
print "rot13:", "uryyb".decode("rot13")
