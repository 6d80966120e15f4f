package org.continuum.dicom.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.net.service.MppsHandler;

/**
 * Performed procedure steps kept in memory, the way a RIS keeps them in its tables: load,
 * {@code applyTo}, store, under one lock per step.
 */
public final class TestMppsStore {

	private final Map<String, Attributes> steps = new ConcurrentHashMap<>();

	public final MppsHandler handler = request -> {
		synchronized (steps) {
			Attributes updated = request.applyTo(steps.get(request.sopInstanceUid()));
			steps.put(request.sopInstanceUid(), updated);
		}
	};

	public Attributes step(String uid) {
		return steps.get(uid);
	}

	public int size() {
		return steps.size();
	}

}
