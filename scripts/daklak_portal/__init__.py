"""The Đắk Lắk foreign-information portal: content checks, the MkDocs plugin and the `portal` CLI."""
