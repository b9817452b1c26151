-- Longer operator names and origins (issue 14): a single sign-on user is named
-- sso:<registration-id>:<provider's name> wherever an operator is recorded, and a four-eyes decision
-- from the command line is recorded as the console ADMIN with the host and OS user as its origin.
ALTER TABLE operator_audit MODIFY actor VARCHAR(255) NOT NULL;
ALTER TABLE operator_audit MODIFY client_address VARCHAR(255) NOT NULL;
ALTER TABLE approval_request MODIFY requester VARCHAR(255) NOT NULL;
ALTER TABLE approval_request MODIFY decided_by VARCHAR(255) NULL;
ALTER TABLE SPRING_SESSION MODIFY PRINCIPAL_NAME VARCHAR(255) NULL;
