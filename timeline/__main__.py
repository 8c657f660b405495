from timeline.fast import main

main()
