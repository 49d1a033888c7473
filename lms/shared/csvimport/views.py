"""The upload screen every CSV import shares: a form with a file, the import, and on
failure the same form again with every line at fault."""

from django.utils.translation import gettext as _

from . import ImportFailed, read_upload


class CsvUploadMixin:
    """For a TemplateView whose template includes `includes/csv_upload_form.html`.

    `form_class` has a `file` field; `run_import(raw)` imports the bytes and may
    raise ImportFailed; `imported(result)` is the response after a good import.
    """

    form_class = None

    def run_import(self, raw):
        raise NotImplementedError

    def imported(self, result):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form_class()))

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST, request.FILES)
        line_errors = []
        if form.is_valid():
            try:
                result = self.run_import(read_upload(form.cleaned_data["file"]))
            except ImportFailed as exc:
                line_errors = exc.errors
                form.add_error(
                    None,
                    _(
                        "Nothing was imported. Fix the lines below and upload the file again."
                    ),
                )
            else:
                return self.imported(result)
        return self.render_to_response(
            self.get_context_data(form=form, line_errors=line_errors)
        )
