-- Personal data: permission-reconciliation's files and results name no one, so its roster
-- staging keeps no name (the rules read identifiers, roles, status and dates only).
ALTER TABLE rc_employee_stage MODIFY full_name VARCHAR(255) NULL;
UPDATE rc_employee_stage SET full_name = NULL;
