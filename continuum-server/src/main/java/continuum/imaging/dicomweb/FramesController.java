package continuum.imaging.dicomweb;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import continuum.audit.AuditAction;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * WADO-RS pixel resources (PS3.18 §10.4.1.1.4, §8.3.5.1): frames as their bytes in
 * {@code multipart/related} (native as octet-stream, compressed in their own media type,
 * never decompressed), an instance or frame rendered as JPEG or PNG with window and
 * viewport, and thumbnails (the middle instance of a series, the first series of a study)
 * for the viewer.
 */
@RestController
@RequestMapping("/dicomweb/studies/{study}")
class FramesController {

	static final int THUMBNAIL = 128;

	private final WadoService service;

	FramesController(WadoService service) {
		this.service = service;
	}

	@GetMapping("/series/{series}/instances/{instance}/frames/{frames}")
	void frames(@PathVariable String study, @PathVariable String series, @PathVariable String instance,
			@PathVariable String frames, HttpServletRequest request, HttpServletResponse response) throws IOException {
		List<Integer> numbers = frameNumbers(frames);
		String accept = request.getHeader("Accept");
		StoredInstance found = service
			.retrieve(study, series, instance, AuditAction.READ, "WADO-RS frames",
					all -> MediaTypes.requireFrameType(accept, all.get(0).transferSyntaxUid(),
							encapsulated(all.get(0))))
			.get(0);
		PixelFrames.Frames read = PixelFrames.read(service.file(found), numbers);
		String partType = MediaTypes.requireFrameType(accept, read.transferSyntaxUid(), read.encapsulated());
		try (OutputStream out = response.getOutputStream()) {
			MultipartWriter multipart = new MultipartWriter(out);
			response.setContentType(multipart.contentType(partType));
			String type = read.encapsulated() ? partType + "; transfer-syntax=" + read.transferSyntaxUid() : partType;
			for (byte[] frame : read.frames()) {
				multipart.part(type, frame);
			}
			multipart.finish();
		}
	}

	@GetMapping({ "/series/{series}/instances/{instance}/rendered",
			"/series/{series}/instances/{instance}/frames/{frame}/rendered" })
	void rendered(@PathVariable String study, @PathVariable String series, @PathVariable String instance,
			@PathVariable(required = false) @Nullable String frame, @RequestParam(required = false) String window,
			@RequestParam(required = false) String viewport, @RequestParam(required = false) String quality,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		int n = frame == null ? 1 : frameNumbers(frame).get(0);
		Rendering rendering = Rendering.parse(window, viewport, quality);
		String format = MediaTypes.requireImage(request.getHeader("Accept"));
		StoredInstance found = service
			.retrieve(study, series, instance, AuditAction.READ, "WADO-RS rendered", WadoService.ANY)
			.get(0);
		image(found, n, rendering, format, response);
	}

	@GetMapping({ "/thumbnail", "/series/{series}/thumbnail", "/series/{series}/instances/{instance}/thumbnail" })
	void thumbnail(@PathVariable String study, @PathVariable(required = false) @Nullable String series,
			@PathVariable(required = false) @Nullable String instance, @RequestParam(required = false) String viewport,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		Rendering rendering = Rendering.parse(null, viewport == null ? THUMBNAIL + "," + THUMBNAIL : viewport, null);
		String format = MediaTypes.requireImage(request.getHeader("Accept"));
		List<StoredInstance> found = service.retrieve(study, series, instance, AuditAction.READ,
				"WADO-RS thumbnail of " + WadoController.found(series, instance), WadoService.ANY);
		List<StoredInstance> shown = found.stream()
			.filter(i -> i.seriesUid().equals(found.get(0).seriesUid()) && i.rows() != null)
			.toList();
		if (shown.isEmpty()) {
			throw new continuum.platform.NotFoundException(
					"nothing of " + WadoController.found(series, instance) + " is an image");
		}
		image(shown.get(shown.size() / 2), 1, rendering, format, response);
	}

	private void image(StoredInstance instance, int frame, Rendering rendering, String format,
			HttpServletResponse response) throws IOException {
		BufferedImage image = FrameRenderer.render(PixelFrames.read(service.file(instance), List.of(frame)), rendering);
		response.setContentType("image/" + format);
		try (OutputStream out = response.getOutputStream()) {
			FrameRenderer.write(image, format, rendering.quality(), out);
		}
	}

	private static boolean encapsulated(StoredInstance instance) {
		return org.continuum.dicom.io.TransferSyntax.encodingOf(instance.transferSyntaxUid()).encapsulated();
	}

	private static List<Integer> frameNumbers(String list) {
		List<Integer> numbers = new ArrayList<>();
		for (String part : list.split(",")) {
			try {
				int n = Integer.parseInt(part.strip());
				if (n < 1) {
					throw new NumberFormatException();
				}
				numbers.add(n);
			}
			catch (NumberFormatException ex) {
				throw DicomWebException.badRequest("frames must be a comma-separated list of frame numbers from 1");
			}
		}
		return numbers;
	}

}
