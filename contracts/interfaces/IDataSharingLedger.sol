// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Data sharing ledger
/// @notice Public evidence of consent-based data sharing, with no personal or commercial data on chain:
/// enterprises record the hashes of the consents they grant and revoke, and the platform operator anchors
/// the Merkle roots of batches of its access log, so anyone holding a log entry and its proof can check
/// that the entry was published at a known time and was not altered since.
/// @dev Consent hashes and access-log leaves are computed off chain by the backend, whose API documents
/// their encodings. Roots are trees of sorted pairs (OpenZeppelin `MerkleProof.verify` checks proofs).
interface IDataSharingLedger {
    /// @notice What the ledger knows about one consent.
    /// @param grantorOrganisation The organisation whose account recorded it; zero if never recorded.
    /// @param recordedAt Block timestamp of the grant's record.
    /// @param revokedAt Block timestamp of the revocation's record; zero while not revoked.
    struct ConsentRecord {
        bytes16 grantorOrganisation;
        uint64 recordedAt;
        uint64 revokedAt;
    }

    /// @notice One anchored batch of access-log entries.
    /// @param root Merkle root (sorted pairs) over the batch's leaves.
    /// @param firstEntry The platform's sequence number of the batch's first entry.
    /// @param entryCount How many entries (leaves) the batch holds.
    /// @param anchoredAt Block timestamp of the anchoring.
    struct AccessLogBatch {
        bytes32 root;
        uint64 firstEntry;
        uint32 entryCount;
        uint64 anchoredAt;
    }

    /// @notice An organisation recorded a consent it granted.
    event ConsentRecorded(bytes32 indexed consentHash, bytes16 indexed grantorOrganisation);
    /// @notice The grantor recorded the revocation of one of its consents.
    event ConsentRevocationRecorded(bytes32 indexed consentHash, bytes16 indexed grantorOrganisation);
    /// @notice The operator anchored a batch of access-log entries under `batchNumber`.
    event AccessLogAnchored(uint256 indexed batchNumber, bytes32 root, uint64 firstEntry, uint32 entryCount);

    /// @notice The caller's account belongs to no active (onboarded, not suspended) organisation.
    error DataSharingNotActiveParticipant(address account);
    /// @notice The caller's organisation does not hold the operator role.
    error DataSharingNotOperator(address account);
    /// @notice Zero is not a valid consent hash or root, and a batch holds at least one entry.
    error DataSharingInvalidInput();
    /// @notice This consent hash was recorded already.
    error ConsentAlreadyRecorded(bytes32 consentHash, bytes16 grantorOrganisation);
    /// @notice No consent with this hash was recorded.
    error ConsentUnknown(bytes32 consentHash);
    /// @notice Only the organisation that recorded a consent can record its revocation.
    error ConsentNotGrantor(bytes32 consentHash, bytes16 grantorOrganisation, bytes16 callerOrganisation);
    /// @notice The consent's revocation was recorded already.
    error ConsentAlreadyRevoked(bytes32 consentHash, uint64 revokedAt);
    /// @notice This root was anchored already, as batch `batchNumber`.
    error AccessLogRootAlreadyAnchored(bytes32 root, uint256 batchNumber);
    /// @notice No batch has this number yet.
    error AccessLogUnknownBatch(uint256 batchNumber);

    /// @notice Records the hash of a consent the caller's organisation grants. Any active participant.
    function recordConsent(bytes32 consentHash) external;

    /// @notice Records that the caller's organisation revoked a consent it recorded.
    function recordRevocation(bytes32 consentHash) external;

    /// @notice Anchors the Merkle root of a batch of access-log entries. Operator only.
    /// @return batchNumber The batch's number: 0 for the first batch, then one more for each.
    function anchorAccessLog(bytes32 root, uint64 firstEntry, uint32 entryCount) external returns (uint256 batchNumber);

    /// @notice What was recorded about a consent (all zero if nothing was).
    function consent(bytes32 consentHash) external view returns (ConsentRecord memory);

    /// @notice An anchored batch; reverts with `AccessLogUnknownBatch` for a number not yet used.
    function accessLogBatch(uint256 batchNumber) external view returns (AccessLogBatch memory);

    /// @notice How many batches were anchored (the next batch's number).
    function accessLogBatchCount() external view returns (uint256);

    /// @notice True when `leaf` is in anchored batch `batchNumber`, by the sorted-pair Merkle `proof`.
    function verifyAccessLogEntry(uint256 batchNumber, bytes32 leaf, bytes32[] calldata proof)
        external
        view
        returns (bool);
}
