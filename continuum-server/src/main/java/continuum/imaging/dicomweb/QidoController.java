package continuum.imaging.dicomweb;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import continuum.imaging.pacs.IndexQuery;
import continuum.imaging.pacs.QueryKey;
import continuum.imaging.pacs.QueryLevel;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * QIDO-RS (PS3.18 §10.6): the search resources of studies, series and instances, each
 * answering a DICOM JSON array (PS3.18 Annex F.2), empty with 200 when nothing matches
 * (CP-2473). Warnings about ignored keys go in {@code Warning} headers (PS3.18 §8.3.4.1),
 * and one says when more results match than {@code limit} let through.
 */
@RestController
@RequestMapping("/dicomweb")
class QidoController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final QidoService service;

	QidoController(QidoService service) {
		this.service = service;
	}

	@GetMapping("/studies")
	void studies(@RequestParam MultiValueMap<String, String> parameters, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		answer(QidoQuery.parse(QueryLevel.STUDY, null, null, parameters), request, response);
	}

	@GetMapping("/series")
	void series(@RequestParam MultiValueMap<String, String> parameters, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		answer(QidoQuery.parse(QueryLevel.SERIES, null, null, parameters), request, response);
	}

	@GetMapping("/studies/{study}/series")
	void seriesOfStudy(@PathVariable String study, @RequestParam MultiValueMap<String, String> parameters,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		answer(QidoQuery.parse(QueryLevel.SERIES, study, null, parameters), request, response);
	}

	@GetMapping("/instances")
	void instances(@RequestParam MultiValueMap<String, String> parameters, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		answer(QidoQuery.parse(QueryLevel.IMAGE, null, null, parameters), request, response);
	}

	@GetMapping("/studies/{study}/instances")
	void instancesOfStudy(@PathVariable String study, @RequestParam MultiValueMap<String, String> parameters,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		answer(QidoQuery.parse(QueryLevel.IMAGE, study, null, parameters), request, response);
	}

	@GetMapping("/studies/{study}/series/{series}/instances")
	void instancesOfSeries(@PathVariable String study, @PathVariable String series,
			@RequestParam MultiValueMap<String, String> parameters, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		answer(QidoQuery.parse(QueryLevel.IMAGE, study, series, parameters), request, response);
	}

	private void answer(QidoQuery query, HttpServletRequest request, HttpServletResponse response) throws IOException {
		MediaTypes.requireJson(request.getHeader("Accept"));
		QidoService.Result result = service.search(query);
		for (String warning : query.warnings()) {
			response.addHeader("Warning", MediaTypes.warning(warning));
		}
		if (result.more()) {
			response.addHeader("Warning",
					MediaTypes.warning("There are additional results that can be requested with offset="
							+ (query.offset() + query.limit())));
		}
		response.setContentType(DicomJson.MEDIA_TYPE);
		String base = MediaTypes.base(request);
		try (OutputStream out = response.getOutputStream(); JsonGenerator json = JSON.createGenerator(out)) {
			json.writeStartArray();
			for (QidoRepository.Row row : result.rows()) {
				DicomJson.write(json, attributes(row, base), tag -> null);
			}
			json.writeEndArray();
		}
	}

	/** The row as a data set of the returned attributes, with its retrieve URL. */
	private static Attributes attributes(QidoRepository.Row row, String base) {
		Attributes a = new Attributes();
		a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
		for (Map.Entry<QueryKey, Object> e : row.values().entrySet()) {
			set(a, e.getKey(), e.getValue());
		}
		a.setString(Tag.InstanceAvailability, VR.CS, "ONLINE");
		String url = base + "/studies/" + row.studyUid();
		if (row.seriesUid() != null) {
			url += "/series/" + row.seriesUid();
			if (row.instanceUid() != null) {
				url += "/instances/" + row.instanceUid();
			}
		}
		a.setString(Tag.RetrieveURL, VR.UR, url);
		return a;
	}

	private static void set(Attributes a, QueryKey key, Object value) {
		if (value instanceof Number number && key.vr() == VR.US) {
			a.setInt(key.tag(), VR.US, number.intValue());
		}
		else {
			a.setString(key.tag(), key.vr(), IndexQuery.strings(value));
		}
	}

}
