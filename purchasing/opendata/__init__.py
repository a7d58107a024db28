"""Open data: the DECP file (données essentielles de la commande publique, 2024 format) and the
OCDS 1.1.5 release package with the sustainability extension, both validated offline against
the official schemas before they are offered (`validation`). `selectors` reads the contracts,
`decp` and `ocds` write the files."""
