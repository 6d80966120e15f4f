package org.continuum.dicom.net.service;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.DicomStreamException;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationAbortedException;
import org.continuum.dicom.net.CommandField;
import org.continuum.dicom.net.Commands;
import org.continuum.dicom.net.DimseMessage;
import org.continuum.dicom.net.DimseService;
import org.continuum.dicom.net.Status;
import org.continuum.dicom.net.pdu.PduFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage Service Class as SCP (PS3.4 Annex B): accepts every Storage SOP Class in every
 * known transfer syntax (bytes are kept as received), streams each data set to the
 * {@link StoreHandler} and answers with its status.
 */
public final class StoreScp implements DimseService {

	private static final Logger LOG = LoggerFactory.getLogger(StoreScp.class);

	private final StoreHandler handler;

	private final List<String> transferSyntaxes;

	public StoreScp(StoreHandler handler) {
		this(handler, TransferSyntaxes.ALL_KNOWN);
	}

	/**
	 * @param transferSyntaxes accepted transfer syntaxes (empty: whatever is proposed
	 * first)
	 */
	public StoreScp(StoreHandler handler, List<String> transferSyntaxes) {
		this.handler = handler;
		this.transferSyntaxes = List.copyOf(transferSyntaxes);
	}

	@Override
	public Set<CommandField> commands() {
		return Set.of(CommandField.C_STORE_RQ);
	}

	@Override
	public boolean supports(String abstractSyntax) {
		return Uid.isStorage(abstractSyntax);
	}

	@Override
	public List<String> transferSyntaxes(String abstractSyntax) {
		return transferSyntaxes;
	}

	@Override
	public void onRequest(Association association, DimseMessage request) throws IOException {
		int status;
		String comment = null;
		if (!request.hasDataSet()) {
			status = Status.CANNOT_UNDERSTAND.code();
			comment = "C-STORE-RQ without a data set";
		}
		else {
			var store = new StoreRequest(association.callingAeTitle(), association.calledAeTitle(),
					request.affectedSopClassUid(), request.affectedSopInstanceUid(), request.transferSyntax(),
					request.dataSet());
			try {
				status = handler.store(store).code();
			}
			catch (DimseException e) {
				status = e.status();
				comment = e.getMessage();
			}
			catch (PduFormatException | AssociationAbortedException e) {
				throw e;
			}
			catch (DicomStreamException e) {
				status = Status.CANNOT_UNDERSTAND.code();
				comment = e.getMessage();
			}
			catch (IOException e) {
				status = Status.REFUSED_OUT_OF_RESOURCES.code();
				comment = e.getMessage();
			}
			catch (RuntimeException e) {
				status = Status.PROCESSING_FAILURE.code();
				comment = e.toString();
			}
			if (comment != null) {
				LOG.warn("C-STORE of an instance from {} failed with status {}: {}", association.callingAeTitle(),
						Integer.toHexString(status), comment);
			}
		}
		var rsp = Commands.response(request.command(), status, false);
		if (comment != null) {
			rsp.setString(Tag.ErrorComment, VR.LO, errorComment(comment));
		}
		association.drainDataSet();
		association.send(request.contextId(), rsp, null);
	}

	/**
	 * Error Comment (0000,0902) is an LO: at most 64 characters, no backslash or control
	 * characters.
	 */
	static String errorComment(String comment) {
		String clean = comment.replaceAll("[\\\\\\p{Cntrl}]", " ");
		return clean.length() > 64 ? clean.substring(0, 64) : clean;
	}

}
