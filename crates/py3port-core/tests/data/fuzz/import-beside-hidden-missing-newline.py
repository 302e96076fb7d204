
ty
   from itertools import izip as t(fie(3))