"""PropDesk resources (fonts, translations, icons), installed as `propdesk_resources`."""
