"""The datasets: source tables read, embargoed by release, written in every format."""
