package continuum.fhir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /fhir} with a batch or transaction Bundle (FHIR R4 http.html#transaction).
 * Each entry runs as the interaction its request names, through the same provider and
 * module service as on its own ({@link EntryDispatcher}).
 * <ul>
 * <li>A transaction is one database transaction: the services join it, so every entry's
 * rows, audit rows, change-feed entries and events commit together or not at all. Entries
 * run in the order R4 prescribes (DELETE, POST, PUT and PATCH, GET and HEAD), creates
 * after the creates they reference (a conditional PUT, which may create, counts as one);
 * {@code urn:uuid:} full URLs are resolved in the resources and request URLs of later
 * entries ({@link BundleReferences}). The first entry that fails rolls everything back,
 * and the answer is that entry's status with its OperationOutcome, naming the entry.</li>
 * <li>A batch runs each entry in a transaction of its own, in the Bundle's order; an
 * entry that fails answers its own status and OperationOutcome in the
 * {@code batch-response}, and the others are unaffected.</li>
 * </ul>
 * A Bundle of another type, or an entry without method or URL, is malformed (400); more
 * entries than {@code continuum.fhir.maximum-bundle-entries} is a 413.
 */
public class TransactionProvider {

	private final EntryDispatcher dispatcher;

	private final TransactionTemplate transactions;

	private final int maximumEntries;

	TransactionProvider(FhirServer server, PlatformTransactionManager transactions, int maximumEntries) {
		this.dispatcher = new EntryDispatcher(server);
		this.transactions = new TransactionTemplate(transactions);
		this.maximumEntries = maximumEntries;
	}

	@Transaction
	public Bundle transaction(@TransactionParam Bundle bundle, RequestDetails request) {
		if (!(request instanceof ServletRequestDetails servletRequest)) {
			throw new InvalidRequestException("Bundles are accepted over HTTP only");
		}
		if (bundle.getType() != Bundle.BundleType.TRANSACTION && bundle.getType() != Bundle.BundleType.BATCH) {
			throw new InvalidRequestException("POST to the base takes a Bundle of type transaction or batch, not "
					+ (bundle.hasType() ? bundle.getType().toCode() : "a Bundle without type"));
		}
		if (bundle.getEntry().size() > maximumEntries) {
			throw new PayloadTooLargeException("The Bundle has " + bundle.getEntry().size()
					+ " entries; this server takes at most " + maximumEntries + " in one batch or transaction");
		}
		boolean representation = representationPreferred(request);
		return bundle.getType() == Bundle.BundleType.TRANSACTION ? transaction(bundle, servletRequest, representation)
				: batch(bundle, servletRequest, representation);
	}

	private Bundle transaction(Bundle bundle, ServletRequestDetails request, boolean representation) {
		List<BundleEntryComponent> entries = bundle.getEntry();
		for (int i = 0; i < entries.size(); i++) {
			check(entries.get(i), i);
		}
		checkUnique(entries);
		BundleReferences references = new BundleReferences(request.getServer().getFhirContext());
		List<Integer> order = order(entries, references);
		EntryDispatcher.Answer[] answers = new EntryDispatcher.Answer[entries.size()];
		transactions.executeWithoutResult(status -> {
			for (int index : order) {
				BundleEntryComponent entry = entries.get(index);
				Resource resource = entry.getResource();
				if (resource != null) {
					references.rewrite(resource);
				}
				Bundle.BundleEntryRequestComponent call = entry.getRequest().copy();
				call.setUrl(references.rewrite(call.getUrl()));
				if (call.hasIfNoneExist()) {
					call.setIfNoneExist(references.rewrite(call.getIfNoneExist()));
				}
				EntryDispatcher.Answer answer;
				try {
					answer = dispatcher.run(request, call, call.getMethod() == HTTPVerb.HEAD ? null : resource);
				}
				catch (RuntimeException ex) {
					throw failed(index, entry, ex);
				}
				if (EntryDispatcher.isCreateLike(call) && entry.hasFullUrl()
						&& BundleReferences.isPlaceholder(entry.getFullUrl()) && answer.location() != null) {
					references.resolve(entry.getFullUrl(), versionless(answer.location()));
				}
				answers[index] = answer;
			}
		});
		Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
		for (int i = 0; i < entries.size(); i++) {
			response.addEntry(responseEntry(entries.get(i), answers[i], representation));
		}
		return response;
	}

	private Bundle batch(Bundle bundle, ServletRequestDetails request, boolean representation) {
		Bundle response = new Bundle().setType(Bundle.BundleType.BATCHRESPONSE);
		List<BundleEntryComponent> entries = bundle.getEntry();
		for (int i = 0; i < entries.size(); i++) {
			BundleEntryComponent entry = entries.get(i);
			try {
				check(entry, i);
				EntryDispatcher.Answer answer = transactions
					.execute(status -> dispatcher.run(request, entry.getRequest(),
							entry.getRequest().getMethod() == HTTPVerb.HEAD ? null : entry.getResource()));
				response.addEntry(responseEntry(entry, answer, representation));
			}
			catch (RuntimeException ex) {
				BaseServerResponseException failure = DomainExceptionInterceptor.translated(request, ex);
				BundleEntryComponent failed = response.addEntry();
				failed.getResponse()
					.setStatus(statusLine(failure.getStatusCode()))
					.setOutcome(outcome(failure.getMessage()));
			}
		}
		return response;
	}

	/**
	 * The order of a transaction's entries (R4 http.html#trules). A conditional PUT with
	 * a {@code urn:uuid:} full URL runs with the POSTs: it may create, and the entries
	 * that reference it need the id it finds or gets.
	 */
	private static List<Integer> order(List<BundleEntryComponent> entries, BundleReferences references) {
		List<Integer> deletes = new ArrayList<>();
		List<Integer> posts = new ArrayList<>();
		List<Integer> puts = new ArrayList<>();
		List<Integer> gets = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			switch (entries.get(i).getRequest().getMethod()) {
				case DELETE -> deletes.add(i);
				case POST -> posts.add(i);
				case PUT, PATCH ->
					(EntryDispatcher.isCreateLike(entries.get(i).getRequest()) && entries.get(i).hasFullUrl()
							&& BundleReferences.isPlaceholder(entries.get(i).getFullUrl()) ? posts : puts)
						.add(i);
				default -> gets.add(i);
			}
		}
		List<Integer> order = new ArrayList<>(deletes);
		order.addAll(references.createOrder(entries, posts));
		order.addAll(puts);
		order.addAll(gets);
		return order;
	}

	/** An entry must say what to do, to what, with the resource a write needs. */
	private static void check(BundleEntryComponent entry, int index) {
		Bundle.BundleEntryRequestComponent request = entry.getRequest();
		if (!entry.hasRequest() || !request.hasMethod() || request.getMethod() == HTTPVerb.NULL) {
			throw new InvalidRequestException("Bundle.entry[" + index + "].request.method is missing");
		}
		if (!request.hasUrl() || request.getUrl().isBlank()) {
			throw new InvalidRequestException("Bundle.entry[" + index + "].request.url is missing");
		}
		HTTPVerb method = request.getMethod();
		if ((method == HTTPVerb.POST || method == HTTPVerb.PUT || method == HTTPVerb.PATCH) && !entry.hasResource()) {
			throw new InvalidRequestException(
					"Bundle.entry[" + index + "] is a " + method.toCode() + " without a resource");
		}
		if ((method == HTTPVerb.POST || method == HTTPVerb.PUT) && !request.getUrl().contains("/_search")) {
			String url = request.getUrl();
			int end = url.length();
			for (char stop : new char[] { '/', '?' }) {
				int at = url.indexOf(stop);
				if (at >= 0 && at < end) {
					end = at;
				}
			}
			String type = url.substring(0, end);
			if (!type.equals(entry.getResource().fhirType())) {
				throw new InvalidRequestException(
						"Bundle.entry[" + index + "] sends a " + entry.getResource().fhirType() + " to " + url
								+ "; the resource must be of the type its URL names");
			}
		}
	}

	/**
	 * A transaction names each full URL once, and changes each resource at most once (R4
	 * http.html#trules).
	 */
	private static void checkUnique(List<BundleEntryComponent> entries) {
		Set<String> fullUrls = new HashSet<>();
		Set<String> targets = new HashSet<>();
		for (int i = 0; i < entries.size(); i++) {
			BundleEntryComponent entry = entries.get(i);
			if (entry.hasFullUrl() && !fullUrls.add(entry.getFullUrl())) {
				throw new InvalidRequestException(
						"Bundle.entry[" + i + "].fullUrl " + entry.getFullUrl() + " is the full URL of another entry");
			}
			HTTPVerb method = entry.getRequest().getMethod();
			String url = entry.getRequest().getUrl();
			if ((method == HTTPVerb.PUT || method == HTTPVerb.PATCH || method == HTTPVerb.DELETE) && !url.contains("?")
					&& !targets.add(url)) {
				throw new InvalidRequestException(
						"Bundle.entry[" + i + "] changes " + url + ", which another entry of the transaction changes");
			}
		}
	}

	/**
	 * The failure of a transaction's entry, naming it: a client error keeps its status; a
	 * failure of the server is left to the server's translation.
	 */
	private static RuntimeException failed(int index, BundleEntryComponent entry, RuntimeException ex) {
		BaseServerResponseException client = DomainExceptionInterceptor.clientError(ex);
		if (client == null) {
			return ex;
		}
		return BaseServerResponseException.newInstance(client.getStatusCode(),
				"Bundle.entry[" + index + "] (" + entry.getRequest().getMethod().toCode() + " "
						+ entry.getRequest().getUrl() + ") failed, so the transaction wrote nothing: "
						+ client.getMessage());
	}

	private static BundleEntryComponent responseEntry(BundleEntryComponent request, EntryDispatcher.Answer answer,
			boolean representation) {
		BundleEntryComponent entry = new BundleEntryComponent();
		Bundle.BundleEntryResponseComponent response = entry.getResponse();
		response.setStatus(statusLine(answer.status()));
		if (answer.location() != null) {
			response.setLocation(answer.location());
		}
		if (answer.etag() != null) {
			response.setEtag(answer.etag());
		}
		if (answer.lastModified() != null) {
			response.setLastModified(java.util.Date.from(java.time.ZonedDateTime
				.parse(answer.lastModified(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
				.toInstant()));
		}
		Resource resource = answer.resource();
		HTTPVerb method = request.getRequest().getMethod();
		if (resource instanceof OperationOutcome outcome) {
			response.setOutcome(outcome);
		}
		else if (resource != null && (method == HTTPVerb.GET || representation)) {
			entry.setResource(resource);
			if (resource.getIdElement().hasIdPart() && !(resource instanceof Bundle)) {
				entry.setFullUrl(resource.getIdElement().toVersionless().getValue());
			}
		}
		return entry;
	}

	private static String statusLine(int status) {
		String name = Constants.HTTP_STATUS_NAMES.get(status);
		return name == null ? Integer.toString(status) : status + " " + name;
	}

	private static OperationOutcome outcome(@Nullable String message) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue()
			.setSeverity(OperationOutcome.IssueSeverity.ERROR)
			.setCode(OperationOutcome.IssueType.PROCESSING)
			.setDiagnostics(message);
		return outcome;
	}

	private static String versionless(String location) {
		int history = location.indexOf("/_history/");
		return history < 0 ? location : location.substring(0, history);
	}

	/** Whether the Bundle's POST asked for {@code Prefer: return=representation}. */
	static boolean representationPreferred(RequestDetails request) {
		return Constants.HEADER_PREFER_RETURN_REPRESENTATION
			.equals(preferredReturn(request.getHeader(Constants.HEADER_PREFER)));
	}

	private static @Nullable String preferredReturn(@Nullable String prefer) {
		if (prefer == null) {
			return null;
		}
		for (String preference : prefer.split("[,;]")) {
			String[] pair = preference.strip().split("=", 2);
			if (pair.length == 2 && pair[0].strip().equalsIgnoreCase(Constants.HEADER_PREFER_RETURN)) {
				return pair[1].strip().replace("\"", "");
			}
		}
		return null;
	}

}
