# a DOCTYPE declaring an external entity: rejected with its line, nothing fetched
# (a listener on the entity's port would see a connection if it were fetched)
$ASSESS validate $FIX/inventory/bad-doctype-entity.xml
