"""The network's demo data, one module per sub-domain, each with the `load` that apps.py
registers with core.demo: the network and its meetings (meetings), its training sessions
(training), then the textile purchasing group (groups)."""
