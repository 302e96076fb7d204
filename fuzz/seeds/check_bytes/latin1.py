# coding: latin-1
name = 'é'
print name,
