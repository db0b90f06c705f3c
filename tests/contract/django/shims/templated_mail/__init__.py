"""Minimal stand-in for django-templated-mail, which djoser 2.1 imports and Debian 12
does not package. settings.py puts it on sys.path only when the real one is missing.

It provides what djoser.email uses: BaseEmailMessage(request, context, template_name)
with get_context_data() and send(to), rendering the `subject`, `text_body` and
`html_body` blocks of djoser's mail templates.
"""
