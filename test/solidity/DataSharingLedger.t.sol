// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {DataSharingLedger} from "../../contracts/DataSharingLedger.sol";
import {IDataSharingLedger} from "../../contracts/interfaces/IDataSharingLedger.sol";
import {SuiteFixture} from "./utils/SuiteFixture.sol";

contract DataSharingLedgerTest is SuiteFixture {
    DataSharingLedger internal ledger;

    bytes32 internal constant CONSENT = keccak256("consent 1");

    function setUp() public override {
        super.setUp();
        // The shared fixture predates this contract: deploy it here, against the fixture's registry.
        ledger = new DataSharingLedger(registry);
    }

    // ------------------------------------------------------------------ consents

    function test_recordConsent_storesGrantorAndTime() public {
        vm.warp(1_800_000_000);
        vm.expectEmit();
        emit IDataSharingLedger.ConsentRecorded(CONSENT, SUPPLIER_ORG);
        vm.prank(supplier);
        ledger.recordConsent(CONSENT);
        IDataSharingLedger.ConsentRecord memory record = ledger.consent(CONSENT);
        assertEq(record.grantorOrganisation == SUPPLIER_ORG, true, "grantor");
        assertEq(record.recordedAt, 1_800_000_000, "recordedAt");
        assertEq(record.revokedAt, 0, "not revoked");
    }

    function test_recordConsent_revertsForAnOutsider() public {
        vm.expectRevert(abi.encodeWithSelector(IDataSharingLedger.DataSharingNotActiveParticipant.selector, outsider));
        vm.prank(outsider);
        ledger.recordConsent(CONSENT);
    }

    function test_recordConsent_revertsForASuspendedOrganisation() public {
        vm.prank(regulator);
        registry.suspend(SUPPLIER_ORG);
        vm.expectRevert(abi.encodeWithSelector(IDataSharingLedger.DataSharingNotActiveParticipant.selector, supplier));
        vm.prank(supplier);
        ledger.recordConsent(CONSENT);
    }

    function test_recordConsent_revertsIfRecordedTwice() public {
        vm.prank(supplier);
        ledger.recordConsent(CONSENT);
        // Not even another organisation may claim a hash someone recorded.
        vm.expectRevert(abi.encodeWithSelector(IDataSharingLedger.ConsentAlreadyRecorded.selector, CONSENT, SUPPLIER_ORG));
        vm.prank(buyer);
        ledger.recordConsent(CONSENT);
    }

    function test_recordConsent_revertsForZeroHash() public {
        vm.expectRevert(IDataSharingLedger.DataSharingInvalidInput.selector);
        vm.prank(supplier);
        ledger.recordConsent(bytes32(0));
    }

    function test_recordRevocation_marksTheConsentRevoked() public {
        vm.prank(supplier);
        ledger.recordConsent(CONSENT);
        vm.warp(block.timestamp + 1 days);
        vm.expectEmit();
        emit IDataSharingLedger.ConsentRevocationRecorded(CONSENT, SUPPLIER_ORG);
        vm.prank(supplier);
        ledger.recordRevocation(CONSENT);
        assertEq(ledger.consent(CONSENT).revokedAt, block.timestamp, "revokedAt");
    }

    function test_recordRevocation_revertsForAnotherOrganisation() public {
        vm.prank(supplier);
        ledger.recordConsent(CONSENT);
        vm.expectRevert(
            abi.encodeWithSelector(IDataSharingLedger.ConsentNotGrantor.selector, CONSENT, SUPPLIER_ORG, BANK_ORG)
        );
        vm.prank(bank);
        ledger.recordRevocation(CONSENT);
    }

    function test_recordRevocation_revertsForAnUnknownConsent() public {
        vm.expectRevert(abi.encodeWithSelector(IDataSharingLedger.ConsentUnknown.selector, CONSENT));
        vm.prank(supplier);
        ledger.recordRevocation(CONSENT);
    }

    function test_recordRevocation_revertsIfRevokedTwice() public {
        vm.prank(supplier);
        ledger.recordConsent(CONSENT);
        vm.prank(supplier);
        ledger.recordRevocation(CONSENT);
        uint64 revokedAt = uint64(block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IDataSharingLedger.ConsentAlreadyRevoked.selector, CONSENT, revokedAt));
        vm.prank(supplier);
        ledger.recordRevocation(CONSENT);
    }

    // ------------------------------------------------------------------ access log

    function test_anchorAccessLog_numbersBatchesFromZero() public {
        vm.expectEmit();
        emit IDataSharingLedger.AccessLogAnchored(0, keccak256("root 0"), 0, 3);
        vm.prank(operator);
        assertEq(ledger.anchorAccessLog(keccak256("root 0"), 0, 3), 0, "first batch");
        vm.prank(operator);
        assertEq(ledger.anchorAccessLog(keccak256("root 1"), 3, 2), 1, "second batch");
        assertEq(ledger.accessLogBatchCount(), 2, "count");
        IDataSharingLedger.AccessLogBatch memory batch = ledger.accessLogBatch(1);
        assertEq(batch.root, keccak256("root 1"), "root");
        assertEq(batch.firstEntry, 3, "firstEntry");
        assertEq(batch.entryCount, 2, "entryCount");
        assertEq(batch.anchoredAt, block.timestamp, "anchoredAt");
    }

    function test_anchorAccessLog_revertsForANonOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IDataSharingLedger.DataSharingNotOperator.selector, regulator));
        vm.prank(regulator);
        ledger.anchorAccessLog(keccak256("root"), 0, 1);
    }

    function test_anchorAccessLog_revertsForAnEmptyBatch() public {
        vm.expectRevert(IDataSharingLedger.DataSharingInvalidInput.selector);
        vm.prank(operator);
        ledger.anchorAccessLog(keccak256("root"), 0, 0);
        vm.expectRevert(IDataSharingLedger.DataSharingInvalidInput.selector);
        vm.prank(operator);
        ledger.anchorAccessLog(bytes32(0), 0, 1);
    }

    function test_anchorAccessLog_revertsIfTheRootWasAnchored() public {
        vm.startPrank(operator);
        ledger.anchorAccessLog(keccak256("a"), 0, 1);
        ledger.anchorAccessLog(keccak256("b"), 1, 1);
        vm.expectRevert(abi.encodeWithSelector(IDataSharingLedger.AccessLogRootAlreadyAnchored.selector, keccak256("b"), 1));
        ledger.anchorAccessLog(keccak256("b"), 2, 1);
        vm.stopPrank();
    }

    function test_accessLogBatch_revertsForAnUnknownBatch() public {
        vm.expectRevert(abi.encodeWithSelector(IDataSharingLedger.AccessLogUnknownBatch.selector, 0));
        ledger.accessLogBatch(0);
    }

    function test_verifyAccessLogEntry_checksASortedPairProof() public {
        bytes32[] memory leaves = new bytes32[](3);
        leaves[0] = keccak256("entry 0");
        leaves[1] = keccak256("entry 1");
        leaves[2] = keccak256("entry 2");
        // Three leaves: the third has no sibling and is promoted, as the backend builds its trees.
        bytes32 left = _hashPair(leaves[0], leaves[1]);
        bytes32 root = _hashPair(left, leaves[2]);
        vm.prank(operator);
        ledger.anchorAccessLog(root, 0, 3);

        bytes32[] memory proof = new bytes32[](2);
        proof[0] = leaves[0];
        proof[1] = leaves[2];
        assertTrue(ledger.verifyAccessLogEntry(0, leaves[1], proof), "entry 1 is in the batch");
        bytes32[] memory promoted = new bytes32[](1);
        promoted[0] = left;
        assertTrue(ledger.verifyAccessLogEntry(0, leaves[2], promoted), "entry 2 is in the batch");
        assertFalse(ledger.verifyAccessLogEntry(0, keccak256("altered"), proof), "an altered entry is not");
    }

    /// Any four leaves anchored as one batch: each verifies with its proof, and a leaf that is not one of
    /// them does not verify with any of the four proofs.
    function testFuzz_verifyAccessLogEntry_acceptsExactlyTheBatchLeaves(bytes32 a, bytes32 b, bytes32 c, bytes32 d, bytes32 other)
        public
    {
        vm.assume(other != a && other != b && other != c && other != d);
        bytes32 ab = _hashPair(a, b);
        bytes32 cd = _hashPair(c, d);
        bytes32 root = _hashPair(ab, cd);
        vm.assume(root != bytes32(0));
        vm.prank(operator);
        ledger.anchorAccessLog(root, 0, 4);

        bytes32[4] memory leaves = [a, b, c, d];
        bytes32[4] memory siblings = [b, a, d, c];
        bytes32[4] memory uncles = [cd, cd, ab, ab];
        for (uint256 i = 0; i < 4; i++) {
            bytes32[] memory proof = new bytes32[](2);
            proof[0] = siblings[i];
            proof[1] = uncles[i];
            assertTrue(ledger.verifyAccessLogEntry(0, leaves[i], proof), "a batch leaf verifies");
            assertFalse(ledger.verifyAccessLogEntry(0, other, proof), "another leaf does not");
        }
    }

    function _hashPair(bytes32 x, bytes32 y) private pure returns (bytes32) {
        return x < y ? keccak256(abi.encodePacked(x, y)) : keccak256(abi.encodePacked(y, x));
    }
}
