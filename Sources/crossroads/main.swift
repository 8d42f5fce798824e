print("crossroads")
