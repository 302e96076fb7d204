raise E, '\N'
raise ValueError, 'C:\Users\x'
x = `'\N'`
print >>f, '\u12'
