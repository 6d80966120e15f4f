package org.continuum.dicom.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.net.Status;
import org.continuum.dicom.net.service.DimseException;
import org.continuum.dicom.net.service.FindHandler;
import org.continuum.dicom.net.service.FindRequest;
import org.continuum.dicom.net.service.KeyMatcher;
import org.continuum.dicom.net.service.RetrieveHandler;
import org.continuum.dicom.net.service.RetrieveInstance;
import org.continuum.dicom.net.service.RetrieveRequest;

/**
 * A query/retrieve archive over a folder of Part 10 files, scanned on each request:
 * enough for protocol tests.
 */
public final class TestArchive implements FindHandler, RetrieveHandler {

	private final Path folder;

	public TestArchive(Path folder) {
		this.folder = folder;
	}

	private record Entry(Path file, Attributes header) {
	}

	private List<Entry> scan() {
		List<Entry> entries = new ArrayList<>();
		try (Stream<Path> files = Files.list(folder)) {
			for (Path f : files.filter(p -> p.toString().endsWith(".dcm")).sorted().toList()) {
				try (InputStream in = Files.newInputStream(f); var dis = DicomInputStream.openFile(in)) {
					entries.add(new Entry(f, dis.readDatasetUntil(Tag.PixelData)));
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return entries;
	}

	private static int uniqueKey(String level) throws DimseException {
		switch (level == null ? "" : level) {
			case "PATIENT":
				return Tag.PatientID;
			case "STUDY":
				return Tag.StudyInstanceUID;
			case "SERIES":
				return Tag.SeriesInstanceUID;
			case "IMAGE":
				return Tag.SOPInstanceUID;
			default:
				throw new DimseException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, "unknown level " + level);
		}
	}

	@Override
	public Iterator<Attributes> find(FindRequest request) throws DimseException {
		Attributes keys = request.identifier();
		int unique = uniqueKey(keys.getString(Tag.QueryRetrieveLevel));
		Map<String, Attributes> matches = new LinkedHashMap<>();
		for (Entry e : scan()) {
			if (KeyMatcher.matches(keys, e.header())) {
				matches.putIfAbsent(e.header().getString(unique), KeyMatcher.project(keys, e.header()));
			}
		}
		return matches.values().iterator();
	}

	@Override
	public List<RetrieveInstance> retrieve(RetrieveRequest request) throws DimseException {
		uniqueKey(request.identifier().getString(Tag.QueryRetrieveLevel));
		List<RetrieveInstance> result = new ArrayList<>();
		for (Entry e : scan()) {
			if (KeyMatcher.matches(request.identifier(), e.header())) {
				try {
					result.add(RetrieveInstance.ofFile(e.file()));
				}
				catch (IOException ex) {
					throw new DimseException(Status.UNABLE_TO_PROCESS, ex.getMessage());
				}
			}
		}
		return result;
	}

}
