"""Upload size limit enforced while the request body streams in, before a file is held anywhere."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class SizeLimitUploadHandler(FileUploadHandler):
    """Skip any file beyond GOVDASH_MAX_UPLOAD_BYTES and note it on the request for the view to report.

    Placed first among the handlers, it sees each chunk before Django's memory/temporary-file handlers keep it;
    the rest of a skipped file is read off the socket and thrown away.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.limit = settings.GOVDASH_MAX_UPLOAD_BYTES
        self.received = 0
        request.refused_uploads = []

    def new_file(self, field_name, file_name, content_type, content_length, charset=None, content_type_extra=None):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        self.received = 0
        if content_length and content_length > self.limit:
            self._refuse(content_length)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self._refuse(None)
        return raw_data

    def file_complete(self, file_size):
        return None

    def _refuse(self, size):
        self.request.refused_uploads.append((self.file_name, size))
        raise SkipFile
