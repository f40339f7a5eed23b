// Package cache keeps a copy of every receipt, by order id.
package cache

// Cache maps order ids to receipts.
type Cache struct {
	items map[int][]byte
}

// New returns an empty cache.
func New() *Cache {
	return &Cache{items: map[int][]byte{}}
}

// Put stores a copy of v under k.
func (c *Cache) Put(k int, v []byte) {
	c.items[k] = append([]byte(nil), v...)
}
