def f(x):
	if x:
		print x

class A:
    pass  
