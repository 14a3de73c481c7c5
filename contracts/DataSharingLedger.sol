// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IDataSharingLedger} from "./interfaces/IDataSharingLedger.sol";
import {IParticipantRegistry} from "./interfaces/IParticipantRegistry.sol";
import {ParticipantRoles} from "./ParticipantRoles.sol";

/// @title Data sharing ledger
/// @notice Invariants: a consent hash is recorded at most once and only its grantor's organisation can
/// revoke it, once; revocation is final. Batch numbers are 0, 1, 2, ... with no gap, each root is anchored
/// at most once, and an anchored batch never changes.
/// @dev Holds hashes only. It moves no value, so it needs no admin: the registry decides who may write.
contract DataSharingLedger is IDataSharingLedger {
    IParticipantRegistry public immutable registry;

    mapping(bytes32 consentHash => ConsentRecord) private _consents;
    AccessLogBatch[] private _batches;
    // batch number + 1, so that zero means "not anchored"
    mapping(bytes32 root => uint256 batchNumberPlusOne) private _batchOfRoot;

    constructor(IParticipantRegistry registry_) {
        registry = registry_;
    }

    /// @inheritdoc IDataSharingLedger
    function recordConsent(bytes32 consentHash) external {
        if (consentHash == bytes32(0)) revert DataSharingInvalidInput();
        bytes16 grantor = _activeOrganisationOf(msg.sender);
        ConsentRecord storage record = _consents[consentHash];
        if (record.grantorOrganisation != bytes16(0)) {
            revert ConsentAlreadyRecorded(consentHash, record.grantorOrganisation);
        }
        record.grantorOrganisation = grantor;
        record.recordedAt = uint64(block.timestamp);
        emit ConsentRecorded(consentHash, grantor);
    }

    /// @inheritdoc IDataSharingLedger
    function recordRevocation(bytes32 consentHash) external {
        bytes16 caller = _activeOrganisationOf(msg.sender);
        ConsentRecord storage record = _consents[consentHash];
        if (record.grantorOrganisation == bytes16(0)) revert ConsentUnknown(consentHash);
        if (record.grantorOrganisation != caller) {
            revert ConsentNotGrantor(consentHash, record.grantorOrganisation, caller);
        }
        if (record.revokedAt != 0) revert ConsentAlreadyRevoked(consentHash, record.revokedAt);
        record.revokedAt = uint64(block.timestamp);
        emit ConsentRevocationRecorded(consentHash, caller);
    }

    /// @inheritdoc IDataSharingLedger
    function anchorAccessLog(bytes32 root, uint64 firstEntry, uint32 entryCount)
        external
        returns (uint256 batchNumber)
    {
        if (!registry.hasRole(msg.sender, ParticipantRoles.OPERATOR)) revert DataSharingNotOperator(msg.sender);
        if (root == bytes32(0) || entryCount == 0) revert DataSharingInvalidInput();
        uint256 existing = _batchOfRoot[root];
        if (existing != 0) revert AccessLogRootAlreadyAnchored(root, existing - 1);
        batchNumber = _batches.length;
        _batches.push(
            AccessLogBatch({
                root: root, firstEntry: firstEntry, entryCount: entryCount, anchoredAt: uint64(block.timestamp)
            })
        );
        _batchOfRoot[root] = batchNumber + 1;
        emit AccessLogAnchored(batchNumber, root, firstEntry, entryCount);
    }

    /// @inheritdoc IDataSharingLedger
    function consent(bytes32 consentHash) external view returns (ConsentRecord memory) {
        return _consents[consentHash];
    }

    /// @inheritdoc IDataSharingLedger
    function accessLogBatch(uint256 batchNumber) public view returns (AccessLogBatch memory) {
        if (batchNumber >= _batches.length) revert AccessLogUnknownBatch(batchNumber);
        return _batches[batchNumber];
    }

    /// @inheritdoc IDataSharingLedger
    function accessLogBatchCount() external view returns (uint256) {
        return _batches.length;
    }

    /// @inheritdoc IDataSharingLedger
    function verifyAccessLogEntry(uint256 batchNumber, bytes32 leaf, bytes32[] calldata proof)
        external
        view
        returns (bool)
    {
        return MerkleProof.verifyCalldata(proof, accessLogBatch(batchNumber).root, leaf);
    }

    function _activeOrganisationOf(address account) private view returns (bytes16 organisationId) {
        if (!registry.isActive(account)) revert DataSharingNotActiveParticipant(account);
        return registry.organisationOf(account);
    }
}
