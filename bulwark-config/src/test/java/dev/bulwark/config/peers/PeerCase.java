package dev.bulwark.config.peers;

/**
 * One expectation from a peer's own test suite and Bulwark's verdict on the same input.
 *
 * @param peer the peer tool (hadolint, trivy-checks, checkov, ...)
 * @param caseId a stable name of the case (fixture path, or file and line of the expectation)
 * @param peerCheck the peer's check id
 * @param expectFailure true when the peer expects its check to fail on the input
 * @param bulwarkFailure true when Bulwark's equivalent checks fail on it
 */
record PeerCase(String peer, String caseId, String peerCheck, boolean expectFailure, boolean bulwarkFailure) {

    boolean agrees() {
        return expectFailure == bulwarkFailure;
    }
}
