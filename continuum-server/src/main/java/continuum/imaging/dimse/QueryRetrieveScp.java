package continuum.imaging.dimse;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import continuum.imaging.DicomAe;
import continuum.imaging.DicomPeer;
import continuum.imaging.pacs.PacsQueries;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.CommandField;
import org.continuum.dicom.net.DimseMessage;
import org.continuum.dicom.net.DimseService;
import org.continuum.dicom.net.Status;
import org.continuum.dicom.net.service.DimseException;
import org.continuum.dicom.net.service.FindScp;
import org.continuum.dicom.net.service.GetScp;
import org.continuum.dicom.net.service.MoveScp;
import org.continuum.dicom.net.service.RetrieveHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Query/Retrieve Service Class as SCP (PS3.4 Annex C) on the PACS index: C-FIND,
 * C-MOVE and C-GET in the Patient Root and Study Root information models. C-MOVE sends
 * only to known peers marked as move destinations (else A801, Move Destination unknown),
 * looked up when the request arrives.
 */
@Configuration(proxyBeanMethods = false)
class QueryRetrieveScp {

	@Bean
	FindScp queryRetrieveFindScp(PacsQueries queries, PeerChecks checks) {
		return new FindScp(request -> {
			checks.require(request.callingAeTitle(), DicomPeer.Operation.FIND);
			String level = request.identifier().getString(org.continuum.dicom.data.Tag.QueryRetrieveLevel);
			if (Uid.STUDY_ROOT_QR_FIND.equals(request.sopClassUid()) && level != null
					&& level.strip().equals("PATIENT")) {
				throw new DimseException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, "Study Root has no PATIENT level");
			}
			return queries.find(request.identifier(), request.callingAeTitle()).iterator();
		}, Set.of(Uid.PATIENT_ROOT_QR_FIND, Uid.STUDY_ROOT_QR_FIND));
	}

	@Bean
	GetScp queryRetrieveGetScp(PacsQueries queries, PeerChecks checks) {
		return new GetScp(request -> {
			checks.require(request.callingAeTitle(), DicomPeer.Operation.RETRIEVE);
			return queries.retrieve(request.identifier(), request.callingAeTitle(), null);
		});
	}

	@Bean
	MoveService queryRetrieveMoveScp(PacsQueries queries, PeerChecks checks, ObjectProvider<DicomAe> ae) {
		RetrieveHandler handler = request -> {
			checks.require(request.callingAeTitle(), DicomPeer.Operation.RETRIEVE);
			return queries.retrieve(request.identifier(), request.callingAeTitle(), request.moveDestination());
		};
		return new MoveService(handler, ae);
	}

	/**
	 * The library's {@link MoveScp} with the destinations known at the time of each
	 * request: only peers marked as move destinations.
	 */
	static final class MoveService implements DimseService {

		private final RetrieveHandler handler;

		private final ObjectProvider<DicomAe> ae;

		private final MoveScp negotiation;

		MoveService(RetrieveHandler handler, ObjectProvider<DicomAe> ae) {
			this.handler = handler;
			this.ae = ae;
			this.negotiation = new MoveScp(handler,
					org.continuum.dicom.net.AssociationSettings.defaults("NEGOTIATION"));
		}

		@Override
		public Set<CommandField> commands() {
			return negotiation.commands();
		}

		@Override
		public boolean supports(String abstractSyntax) {
			return negotiation.supports(abstractSyntax);
		}

		@Override
		public List<String> transferSyntaxes(String abstractSyntax) {
			return negotiation.transferSyntaxes(abstractSyntax);
		}

		@Override
		public void onRequest(Association association, DimseMessage request) throws IOException {
			DicomAe local = ae.getObject();
			String destination = request.command().getString(org.continuum.dicom.data.Tag.MoveDestination);
			var settings = destination == null ? local.associationSettings() : local.settingsToward(destination);
			new MoveScp(handler, settings.withKnownPeers(local.moveDestinations(), true)).onRequest(association,
					request);
		}

	}

}
