from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core import mail
from django.template.context import make_context
from django.template.loader import get_template
from django.template.loader_tags import BlockNode


class BaseEmailMessage(mail.EmailMultiAlternatives):
    template_name = None

    def __init__(self, request=None, context=None, template_name=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.context = {} if context is None else context
        if template_name is not None:
            self.template_name = template_name

    def get_context_data(self, **kwargs):
        context = dict(self.context, **kwargs)
        if self.request is not None:
            # Without django.contrib.sites this is a RequestSite: the request's host.
            site = get_current_site(self.request)
            context.setdefault("domain", getattr(settings, "DOMAIN", "") or site.domain)
            context.setdefault("site_name", getattr(settings, "SITE_NAME", "") or site.name)
            context.setdefault("protocol", "https" if self.request.is_secure() else "http")
        else:
            context.setdefault("domain", getattr(settings, "DOMAIN", ""))
            context.setdefault("site_name", getattr(settings, "SITE_NAME", ""))
            context.setdefault("protocol", "http")
        context.setdefault("user", getattr(self.request, "user", None))
        return context

    def render(self):
        template = get_template(self.template_name).template
        context = make_context(self.get_context_data(), self.request)
        blocks = {node.name: node for node in template.nodelist.get_nodes_by_type(BlockNode)}
        with context.bind_template(template):
            if "subject" in blocks:
                self.subject = " ".join(blocks["subject"].render(context).split())
            if "text_body" in blocks:
                self.body = blocks["text_body"].render(context).strip()
            if "html_body" in blocks:
                self.attach_alternative(blocks["html_body"].render(context).strip(), "text/html")

    def send(self, to, *args, **kwargs):
        self.render()
        self.to = to
        self.cc = kwargs.pop("cc", [])
        self.bcc = kwargs.pop("bcc", [])
        self.reply_to = kwargs.pop("reply_to", [])
        self.from_email = kwargs.pop("from_email", settings.DEFAULT_FROM_EMAIL)
        return super().send(*args, **kwargs)
