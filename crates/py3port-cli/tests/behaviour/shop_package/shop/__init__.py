# The shop package.
