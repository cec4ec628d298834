"""yifa (依法): the platform on which a county-level city runs its administration according to law."""
