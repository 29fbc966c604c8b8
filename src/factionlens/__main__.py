from factionlens.cli import main

main()
