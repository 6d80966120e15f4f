package continuum.imaging.dicomweb;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import continuum.audit.AuditAction;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.TransferSyntax;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * WADO-RS retrieve of studies, series and instances (PS3.18 §10.4): the Part 10 objects
 * as stored, streamed from their files in {@code multipart/related;
 * type="application/dicom"}, and their metadata in DICOM JSON with the pixel data as a
 * BulkDataURI to the instance's frames.
 */
@RestController
@RequestMapping("/dicomweb/studies/{study}")
class WadoController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WadoService service;

	WadoController(WadoService service) {
		this.service = service;
	}

	@GetMapping({ "", "/series/{series}", "/series/{series}/instances/{instance}" })
	void retrieve(@PathVariable String study, @PathVariable(required = false) @Nullable String series,
			@PathVariable(required = false) @Nullable String instance, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		// The access check and the 404 come before the Accept header is weighed.
		List<StoredInstance> found = service.retrieve(study, series, instance, AuditAction.EXPORT,
				"WADO-RS retrieve of " + found(series, instance),
				all -> MediaTypes.requireDicom(request.getHeader("Accept"),
						all.stream().map(StoredInstance::transferSyntaxUid).toList()));
		String base = MediaTypes.base(request);
		try (OutputStream out = response.getOutputStream()) {
			MultipartWriter multipart = new MultipartWriter(out);
			response.setContentType(multipart.contentType(MediaTypes.DICOM));
			for (StoredInstance i : found) {
				multipart.part(MediaTypes.DICOM + "; transfer-syntax=" + i.transferSyntaxUid(), service.file(i),
						i.url(base));
			}
			multipart.finish();
		}
	}

	@GetMapping({ "/metadata", "/series/{series}/metadata", "/series/{series}/instances/{instance}/metadata" })
	void metadata(@PathVariable String study, @PathVariable(required = false) @Nullable String series,
			@PathVariable(required = false) @Nullable String instance, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		List<StoredInstance> found = service.retrieve(study, series, instance, AuditAction.READ,
				"WADO-RS metadata of " + found(series, instance),
				all -> MediaTypes.requireJson(request.getHeader("Accept")));
		String base = MediaTypes.base(request);
		response.setContentType(DicomJson.MEDIA_TYPE);
		try (OutputStream out = response.getOutputStream(); JsonGenerator json = JSON.createGenerator(out)) {
			json.writeStartArray();
			for (StoredInstance i : found) {
				Attributes header = PixelFrames.header(service.file(i));
				header.setString(Tag.AvailableTransferSyntaxUID, VR.UI, i.transferSyntaxUid());
				if (i.rows() != null) {
					boolean encapsulated = TransferSyntax.encodingOf(i.transferSyntaxUid()).encapsulated();
					header.setBytes(Tag.PixelData,
							encapsulated || header.getInt(Tag.BitsAllocated, 16) <= 8 ? VR.OB : VR.OW, null);
				}
				String frames = i.url(base) + "/frames/" + frameList(i.frames());
				DicomJson.write(json, header, tag -> tag == Tag.PixelData ? frames : null);
			}
			json.writeEndArray();
		}
	}

	static String found(@Nullable String series, @Nullable String instance) {
		return instance != null ? "an instance" : series != null ? "a series" : "the study";
	}

	private static String frameList(int frames) {
		StringBuilder list = new StringBuilder("1");
		for (int n = 2; n <= frames; n++) {
			list.append(',').append(n);
		}
		return list.toString();
	}

}
