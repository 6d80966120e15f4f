package org.continuum.dicom.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.DicomServer;
import org.continuum.dicom.net.DimseService;

/** Our SCP on a free loopback port, for one test. */
public final class TestScp implements AutoCloseable {

	private final DicomServer server;

	public TestScp(AssociationSettings settings, DimseService... services) throws IOException {
		this.server = new DicomServer(settings, List.of(services)).start(InetAddress.getLoopbackAddress(), 0);
	}

	public int port() {
		return server.port();
	}

	public DicomServer server() {
		return server;
	}

	@Override
	public void close() throws IOException {
		server.close();
	}

}
