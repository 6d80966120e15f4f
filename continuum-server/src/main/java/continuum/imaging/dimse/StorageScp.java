package continuum.imaging.dimse;

import continuum.imaging.DicomPeer;
import continuum.imaging.pacs.PacsStore;
import continuum.imaging.pacs.StoreOutcome;
import org.continuum.dicom.net.Status;
import org.continuum.dicom.net.service.DimseException;
import org.continuum.dicom.net.service.StoreScp;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * The Storage Service Class as SCP (PS3.4 Annex B) over the PACS: each object is stored
 * durably and indexed before the response ({@link PacsStore}). A full disk or a database
 * that cannot commit answers A700 (Refused: Out of Resources), so the modality keeps the
 * object and retries; a refused object its A900 or C000; a kept duplicate B000; a peer
 * that may not store 0124.
 */
@Configuration(proxyBeanMethods = false)
class StorageScp {

	@Bean
	StoreScp storeScp(PacsStore store, PeerChecks checks) {
		return new StoreScp(request -> {
			checks.require(request.callingAeTitle(), DicomPeer.Operation.STORE);
			StoreOutcome outcome;
			try {
				outcome = store.store(request.dataSet(), request.transferSyntax(), request.sopInstanceUid(),
						request.callingAeTitle());
			}
			catch (DataAccessException | TransactionException ex) {
				throw new DimseException(Status.REFUSED_OUT_OF_RESOURCES, "index not available; retry later");
			}
			return switch (outcome.disposition()) {
				case STORED, REPLACED, ALREADY_HELD -> Status.SUCCESS;
				case KEPT_FIRST -> Status.SUBOPERATIONS_COMPLETE_WITH_FAILURES; // B000
				case REFUSED -> throw new DimseException(status(outcome.status()), String.valueOf(outcome.comment()));
			};
		});
	}

	private static Status status(int code) {
		for (Status status : Status.values()) {
			if (status.code() == code) {
				return status;
			}
		}
		return Status.CANNOT_UNDERSTAND;
	}

}
